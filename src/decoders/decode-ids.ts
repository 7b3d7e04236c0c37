// Ids back to text, the reference's `Tokenizer::decode`: each id to its token (added tokens first),
// special tokens dropped on request, then the decoder chain (or a space join without one). The plain
// ByteLevel decoder takes a byte-table path with the same result. Validation of the ids is here too.

import type { AddedVocabulary } from '../added-tokens/added-vocabulary.js';
import { InvalidOptionError, UnknownIdError } from '../config/errors.js';
import { byteLevelToBytes } from '../models/bpe/byte-level.js';
import { ByteLevelDecoder } from './decoders.js';
import type { Decoder } from './types.js';

export interface IdsDecodeOptions {
  skipSpecialTokens?: boolean;
  strict?: boolean;
}

const LOSSY_UTF8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** A token id: a non-negative integer (ids without a token are another matter: skipped or strict). */
const isId = (id: unknown): id is number => typeof id === 'number' && Number.isInteger(id) && id >= 0;

function badId(id: unknown, i: number): never {
  const what = typeof id === 'number' ? String(id) : `${typeof id} ${JSON.stringify(id) ?? ''}`;
  throw new InvalidOptionError(`ids[${i}]`, `${what} is not a token id (ids are non-negative integers)`, 'pass the integer ids encode returned');
}

export class IdsDecoder {
  private idBytes: Array<Uint8Array | null> = [];
  private decodeBuf = new Uint8Array(1024);

  constructor(
    private readonly decoder: Decoder | null,
    private readonly vocabR: ArrayLike<string | undefined>,
    private readonly added: AddedVocabulary,
    private readonly vocabSize: () => number,
  ) {}

  private tokenOf(id: number): string | undefined {
    return this.added.idToContent.get(id) ?? this.vocabR[id];
  }

  decode(ids: ArrayLike<number>, opts: IdsDecodeOptions = {}): string {
    if (ids === null || typeof ids !== 'object' || typeof ids.length !== 'number') {
      throw new InvalidOptionError('ids', `expected an array of token ids, found ${ids === null ? 'null' : typeof ids}`);
    }
    if (this.decoder instanceof ByteLevelDecoder) return this.decodeByteLevel(ids, opts);
    const skip = opts.skipSpecialTokens ?? false;
    const tokens: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (!isId(id)) badId(id, i);
      const tok = this.tokenOf(id);
      if (tok === undefined) {
        if (opts.strict) throw new UnknownIdError(id, i, this.vocabSize());
        continue;
      }
      if (skip && this.added.specialContents.has(tok)) continue;
      tokens.push(tok);
    }
    const d = this.decoder;
    return d ? d.decodeChain(tokens).join('') : tokens.join(' ');
  }

  /**
   * Decode for the plain ByteLevel decoder: the bytes of every id are computed once and copied, with
   * the same rule as the decoder (a token with a char outside the byte alphabet contributes its own
   * UTF-8), then one lossy UTF-8 decode — the reference's result without per-char work.
   */
  private decodeByteLevel(ids: ArrayLike<number>, opts: IdsDecodeOptions): string {
    const skip = opts.skipSpecialTokens ?? false;
    // Bytes go straight into one reused buffer (grown by doubling): no list of parts, one copy.
    let buf = this.decodeBuf;
    let k = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      // typeof first: a string '5' would index the table like 5.
      let b = typeof id === 'number' ? this.idBytes[id] : undefined;
      if (b === undefined) {
        if (!isId(id)) badId(id, i);
        const tok = this.tokenOf(id);
        b = this.idBytes[id] = tok === undefined ? null : byteLevelToBytes(tok);
      }
      if (b === null) {
        if (opts.strict) throw new UnknownIdError(id, i, this.vocabSize());
        continue;
      }
      // PARITY: the reference tests the token's text, so a model token spelled like a special one is skipped too.
      if (skip && this.added.specialContents.has(this.tokenOf(id)!)) continue;
      const n = b.length;
      if (k + n > buf.length) {
        const g = new Uint8Array(Math.max(buf.length * 2, k + n));
        g.set(buf.subarray(0, k));
        buf = this.decodeBuf = g;
      }
      for (let j = 0; j < n; j++) buf[k + j] = b[j]!;
      k += n;
    }
    const text = LOSSY_UTF8.decode(buf.subarray(0, k));
    // Do not keep a huge buffer alive after decoding one huge input.
    if (buf.length > 1 << 20) this.decodeBuf = new Uint8Array(1024);
    return text;
  }
}
