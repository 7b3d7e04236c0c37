// Builds a post-processor from its tokenizer.json object; unknown types fail with the supported list.

import { TokenizerConfigError } from '../config/errors.js';
import { asArray, asObject, componentType, optBool, reqString, type JsonObject } from '../config/read.js';
import { ByteLevelProcessor, DEFAULT_PAIR_TEMPLATE, SequenceProcessor, TemplateProcessor, type TemplatePiece } from './processors.js';
import type { PostProcessor } from './types.js';

export const SUPPORTED_PROCESSORS = ['ByteLevel', 'TemplateProcessing', 'Sequence'] as const;

function templatePieces(v: unknown, path: string): TemplatePiece[] {
  return asArray(v, path).map((p, i) => {
    const o = asObject(p, `${path}[${i}]`);
    if (o.SpecialToken !== undefined) {
      const s = asObject(o.SpecialToken, `${path}[${i}].SpecialToken`);
      return { special: reqString(s, 'id', `${path}[${i}].SpecialToken`), typeId: typeof s.type_id === 'number' ? s.type_id : 0 };
    }
    if (o.Sequence !== undefined) {
      const s = asObject(o.Sequence, `${path}[${i}].Sequence`);
      const id = reqString(s, 'id', `${path}[${i}].Sequence`);
      if (id !== 'A' && id !== 'B') throw new TokenizerConfigError(`${path}[${i}].Sequence.id`, `expected "A" or "B", found ${JSON.stringify(id)}`);
      return { sequence: id, typeId: typeof s.type_id === 'number' ? s.type_id : 0 };
    }
    throw new TokenizerConfigError(`${path}[${i}]`, 'expected {"SpecialToken": …} or {"Sequence": …}');
  });
}

export function buildProcessor(json: unknown, path = '$.post_processor'): PostProcessor {
  const { o, type } = componentType(json, path, 'post-processor', SUPPORTED_PROCESSORS);
  switch (type) {
    case 'ByteLevel':
      return new ByteLevelProcessor(optBool(o, 'trim_offsets', path, true), optBool(o, 'add_prefix_space', path, true));
    case 'TemplateProcessing': {
      const specials = new Map<string, { ids: number[]; tokens: string[] }>();
      const st = asObject(o.special_tokens ?? {}, `${path}.special_tokens`);
      for (const [k, v] of Object.entries(st)) {
        const so = asObject(v, `${path}.special_tokens.${k}`) as JsonObject;
        const ids = asArray(so.ids, `${path}.special_tokens.${k}.ids`) as number[];
        const tokens = asArray(so.tokens, `${path}.special_tokens.${k}.tokens`) as string[];
        if (ids.length !== tokens.length) throw new TokenizerConfigError(`${path}.special_tokens.${k}`, 'ids and tokens differ in length');
        specials.set(k, { ids, tokens });
      }
      const check = (pieces: TemplatePiece[], key: string): TemplatePiece[] => {
        pieces.forEach((p, i) => {
          if ('special' in p && !specials.has(p.special)) {
            throw new TokenizerConfigError(`${path}.${key}[${i}]`, `special token ${JSON.stringify(p.special)} is not in special_tokens`, 'add it to post_processor.special_tokens');
          }
        });
        return pieces;
      };
      const single = check(templatePieces(o.single, `${path}.single`), 'single');
      const b = single.findIndex((p) => 'sequence' in p && p.sequence === 'B');
      // The reference loads this and panics when encoding a single sequence with it.
      if (b >= 0) throw new TokenizerConfigError(`${path}.single[${b}]`, 'the single-sequence template cannot use sequence B', 'use "A" (B exists only in the pair template)');
      // The reference requires "pair"; a file without one gets the builder's default ($A:0 $B:1).
      const pair = o.pair === undefined || o.pair === null ? DEFAULT_PAIR_TEMPLATE : check(templatePieces(o.pair, `${path}.pair`), 'pair');
      return new TemplateProcessor(single, specials, pair);
    }
    case 'Sequence':
      return new SequenceProcessor(asArray(o.processors, `${path}.processors`).map((c, i) => buildProcessor(c, `${path}.processors[${i}]`)));
  }
  throw new TokenizerConfigError(path, `unhandled post-processor ${type}`);
}
