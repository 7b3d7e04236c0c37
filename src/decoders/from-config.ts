// Builds a decoder from its tokenizer.json object; unknown types fail with the supported list.

import { TokenizerConfigError } from '../config/errors.js';
import { asArray, componentType, reqChar, reqString, reqUint } from '../config/read.js';
import { replacePattern } from '../normalizers/from-config.js';
import { ReplaceNormalizer } from '../normalizers/simple.js';
import { ByteFallbackDecoder, ByteLevelDecoder, FuseDecoder, ReplaceDecoder, SequenceDecoder, StripDecoder } from './decoders.js';
import type { Decoder } from './types.js';

export const SUPPORTED_DECODERS = ['ByteLevel', 'Replace', 'Strip', 'Fuse', 'ByteFallback', 'Sequence'] as const;

export function buildDecoder(json: unknown, path = '$.decoder'): Decoder {
  const { o, type } = componentType(json, path, 'decoder', SUPPORTED_DECODERS);
  switch (type) {
    case 'ByteLevel':
      return new ByteLevelDecoder();
    case 'Replace':
      return new ReplaceDecoder(new ReplaceNormalizer(replacePattern(o.pattern, `${path}.pattern`), reqString(o, 'content', path), path));
    case 'Strip':
      return new StripDecoder(reqChar(o, 'content', path), reqUint(o, 'start', path), reqUint(o, 'stop', path));
    case 'Fuse':
      return new FuseDecoder();
    case 'ByteFallback':
      return new ByteFallbackDecoder();
    case 'Sequence':
      return new SequenceDecoder(asArray(o.decoders, `${path}.decoders`).map((c, i) => buildDecoder(c, `${path}.decoders[${i}]`)));
  }
  throw new TokenizerConfigError(path, `unhandled decoder ${type}`);
}
