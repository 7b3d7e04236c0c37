// Readable tokens: the bytes a token id stands for, and those bytes as text. A byte-level token
// ("ìķĪ") becomes the text it encodes ("안"); bytes that are only part of a character — a Hangul
// syllable cut across two tokens — are shown as `<0xEC>` escapes, so nothing is hidden or invented.
// Works for any vocabulary: tokens outside the byte-level alphabet are taken as their UTF-8 text.

import { byteLevelToBytes } from '../models/bpe/byte-level.js';

/** What this module needs of a tokenizer (the public `Tokenizer` has it). */
export interface TokenSource {
  idToToken(id: number): string | undefined;
  readonly addedTokens: ReadonlyArray<{ id: number; content: string }>;
  /** The tokenizer.json object (only `decoder.type` is read). */
  readonly config: Record<string, unknown>;
}

/** True when the tokenizer decodes with the byte-level (GPT-2) alphabet. */
export function isByteLevel(tok: TokenSource): boolean {
  const d = tok.config.decoder as { type?: unknown; decoders?: unknown } | null | undefined;
  if (!d) return false;
  if (d.type === 'ByteLevel') return true;
  return d.type === 'Sequence' && Array.isArray(d.decoders) && d.decoders.some((x) => (x as { type?: unknown })?.type === 'ByteLevel');
}

const utf8 = new TextEncoder();

/**
 * The bytes of one token: added tokens are their content; a token written entirely in the byte-level
 * alphabet maps char by char to bytes; any other token is its own text in UTF-8 (WordPiece/Unigram
 * vocabularies, or a byte-level vocabulary's odd entry). An id with no token gives no bytes.
 */
export class TokenBytes {
  private readonly cache = new Map<number, Uint8Array>();
  private readonly added = new Map<number, string>();

  private readonly byteLevel: boolean;

  constructor(private readonly tok: TokenSource) {
    this.byteLevel = isByteLevel(tok);
    for (const t of tok.addedTokens) this.added.set(t.id, t.content);
  }

  of(id: number): Uint8Array {
    let b = this.cache.get(id);
    if (b === undefined) {
      b = this.compute(id);
      // Bounded: a vocabulary's worth of entries at most (ids are the keys).
      this.cache.set(id, b);
    }
    return b;
  }

  private compute(id: number): Uint8Array {
    const content = this.added.get(id);
    if (content !== undefined) return utf8.encode(content);
    const token = this.tok.idToToken(id);
    if (token === undefined) return new Uint8Array(0);
    return this.byteLevel ? byteLevelToBytes(token) : utf8.encode(token);
  }
}

/** Length of the UTF-8 sequence a lead byte starts (0 for a continuation or invalid byte). */
export function utf8SequenceLength(b: number): number {
  if (b < 0x80) return 1;
  if (b >= 0xc2 && b <= 0xdf) return 2;
  if (b >= 0xe0 && b <= 0xef) return 3;
  if (b >= 0xf0 && b <= 0xf4) return 4;
  return 0;
}

function hex(b: number): string {
  return `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`;
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/**
 * `bytes` as text: every maximal well-formed UTF-8 sequence as its character, every other byte
 * (part of a character whose other bytes are in a neighbouring token, or invalid) as `<0xNN>`.
 */
export function bytesToPiece(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const n = utf8SequenceLength(b);
    if (n === 1) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    if (n === 0 || i + n > bytes.length) {
      out += hex(b);
      i++;
      continue;
    }
    try {
      out += strictDecoder.decode(bytes.subarray(i, i + n));
      i += n;
    } catch {
      // Overlong or surrogate encodings and bad continuations: only the lead byte is escaped, the
      // rest is looked at again (it may start a sequence of its own).
      out += hex(b);
      i++;
    }
  }
  return out;
}

/** Readable pieces of a sequence of ids (see `bytesToPiece`). */
export function piecesOf(ids: ArrayLike<number>, bytes: TokenBytes): string[] {
  const out = new Array<string>(ids.length);
  for (let i = 0; i < ids.length; i++) out[i] = bytesToPiece(bytes.of(ids[i]!));
  return out;
}

/**
 * For the CLI's `-f pieces`: a piece with its spaces shown as `▁` (U+2581) and control characters
 * as escapes, so a space-separated line of pieces can be read back unambiguously.
 */
export function visiblePiece(piece: string): string {
  // eslint-disable-next-line no-control-regex
  return piece.replace(/[\u0000-\u001f\u007f ]/g, (c) => (c === ' ' ? '\u2581' : hex(c.charCodeAt(0))));
}
