// Builds a pre-tokenizer from its tokenizer.json object (HF field names), and offers
// `preTokenizeString` with the reference's output shape. Unknown types fail with the supported list.

import { TokenizerConfigError } from '../config/errors.js';
import { asArray, componentType, optBool, reqBool, reqString, type JsonObject } from '../config/read.js';
import { NormalizedString } from '../tokenizer/normalized.js';
import { ByteLevelPreTokenizer } from './byte-level.js';
import {
  DigitsPreTokenizer,
  PunctuationPreTokenizer,
  SequencePreTokenizer,
  WhitespacePreTokenizer,
  WhitespaceSplitPreTokenizer,
} from './simple.js';
import { SplitPreTokenizer, type SplitPattern } from './split.js';
import { SPLIT_BEHAVIORS, type PreTokenizer, type SplitBehavior } from './types.js';
import { toWellFormed, utf16ToCodePointTable } from '../tokenizer/offsets.js';

export const SUPPORTED_PRE_TOKENIZERS = ['ByteLevel', 'Split', 'Digits', 'Whitespace', 'WhitespaceSplit', 'Punctuation', 'Sequence'] as const;

function behavior(o: JsonObject, path: string, dflt?: SplitBehavior): SplitBehavior {
  if (o.behavior === undefined && dflt) return dflt;
  const b = reqString(o, 'behavior', path);
  if (!(SPLIT_BEHAVIORS as readonly string[]).includes(b)) {
    throw new TokenizerConfigError(`${path}.behavior`, `unknown split behavior "${b}"`, `use one of ${SPLIT_BEHAVIORS.join(', ')}`);
  }
  return b as SplitBehavior;
}

function splitPattern(v: unknown, path: string): SplitPattern {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as JsonObject;
    if (typeof o.String === 'string') return { String: o.String };
    if (typeof o.Regex === 'string') return { Regex: o.Regex };
  }
  throw new TokenizerConfigError(path, 'expected {"String": …} or {"Regex": …}');
}

export function buildPreTokenizer(json: unknown, path = '$.pre_tokenizer'): PreTokenizer {
  const { o, type } = componentType(json, path, 'pre-tokenizer', SUPPORTED_PRE_TOKENIZERS);
  switch (type) {
    case 'ByteLevel':
      return new ByteLevelPreTokenizer(optBool(o, 'add_prefix_space', path, true), optBool(o, 'use_regex', path, true));
    case 'Split':
      return new SplitPreTokenizer(splitPattern(o.pattern, `${path}.pattern`), behavior(o, path), reqBool(o, 'invert', path), path);
    case 'Digits':
      return new DigitsPreTokenizer(optBool(o, 'individual_digits', path, false));
    case 'Whitespace':
      return new WhitespacePreTokenizer();
    case 'WhitespaceSplit':
      return new WhitespaceSplitPreTokenizer();
    case 'Punctuation':
      return new PunctuationPreTokenizer(behavior(o, path, 'Isolated'));
    case 'Sequence': {
      const list = asArray(o.pretokenizers, `${path}.pretokenizers`);
      return new SequencePreTokenizer(list.map((c, i) => buildPreTokenizer(c, `${path}.pretokenizers[${i}]`)));
    }
  }
  throw new TokenizerConfigError(path, `unhandled pre-tokenizer ${type}`);
}

export interface StringPreTokenizer {
  readonly preTokenizer: PreTokenizer;
  /**
   * Pre-tokenizes `text` like the reference's `PreTokenizer.preTokenizeString`: the pieces (after
   * byte-level mapping, if any) with [start, end) offsets in code points of `text`.
   */
  preTokenizeString(text: string): Array<[string, [number, number]]>;
}

/** A pre-tokenizer from its JSON (object or string), with `preTokenizeString` for callers like the trainer. */
export function preTokenizerFromConfig(json: unknown): StringPreTokenizer {
  const pt = buildPreTokenizer(typeof json === 'string' ? JSON.parse(json) : json);
  return {
    preTokenizer: pt,
    preTokenizeString(text: string) {
      const wf = toWellFormed(text);
      const pieces = pt.preTokenize([{ ns: NormalizedString.fromText(wf) }]);
      const cp = utf16ToCodePointTable(wf);
      return pieces.map((p) => {
        const [s, e] = p.ns.originalRange(0, p.ns.length);
        return [p.ns.s, [cp ? cp[s]! : s, cp ? cp[e]! : e]];
      });
    },
  };
}
