// Builds a normalizer from its tokenizer.json object; unknown types fail with the supported list.

import { TokenizerConfigError } from '../config/errors.js';
import { asArray, componentType, optBool, reqString, type JsonObject } from '../config/read.js';
import { LowercaseNormalizer, PrependNormalizer, ReplaceNormalizer, SequenceNormalizer, StripNormalizer, type Pattern } from './simple.js';
import type { Normalizer } from './types.js';
import { UnicodeNormalizer } from './unicode.js';

export const SUPPORTED_NORMALIZERS = ['NFC', 'NFD', 'NFKC', 'NFKD', 'Lowercase', 'Strip', 'Replace', 'Prepend', 'Sequence'] as const;

export function replacePattern(v: unknown, path: string): Pattern {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as JsonObject;
    if (typeof o.String === 'string') return { String: o.String };
    if (typeof o.Regex === 'string') return { Regex: o.Regex };
  }
  throw new TokenizerConfigError(path, 'expected {"String": …} or {"Regex": …}');
}

export function buildNormalizer(json: unknown, path = '$.normalizer'): Normalizer {
  const { o, type } = componentType(json, path, 'normalizer', SUPPORTED_NORMALIZERS);
  switch (type) {
    case 'NFC':
    case 'NFD':
    case 'NFKC':
    case 'NFKD':
      return new UnicodeNormalizer(type);
    case 'Lowercase':
      return new LowercaseNormalizer();
    case 'Strip':
      return new StripNormalizer(optBool(o, 'strip_left', path, true), optBool(o, 'strip_right', path, true));
    case 'Replace':
      return new ReplaceNormalizer(replacePattern(o.pattern, `${path}.pattern`), reqString(o, 'content', path), path);
    case 'Prepend':
      return new PrependNormalizer(reqString(o, 'prepend', path));
    case 'Sequence':
      return new SequenceNormalizer(asArray(o.normalizers, `${path}.normalizers`).map((c, i) => buildNormalizer(c, `${path}.normalizers[${i}]`)));
  }
  throw new TokenizerConfigError(path, `unhandled normalizer ${type}`);
}
