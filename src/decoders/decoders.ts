// The decoders of the byte-level BPE family: ByteLevel, Replace, Strip, Fuse, ByteFallback, Sequence,
// each the reference's `decode_chain`. Invalid UTF-8 becomes U+FFFD per maximal invalid subsequence
// (TextDecoder and Rust's from_utf8_lossy follow the same rule).

import { charCodeToByte } from '../models/bpe/byte-level.js';
import type { ReplaceNormalizer } from '../normalizers/simple.js';
import type { Decoder } from './types.js';

const utf8 = new TextEncoder();
const lossy = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class ByteLevelDecoder implements Decoder {
  decodeChain(tokens: string[]): string[] {
    let buf = new Uint8Array(256);
    let n = 0;
    const put = (b: number): void => {
      if (n === buf.length) {
        const g = new Uint8Array(buf.length * 2);
        g.set(buf);
        buf = g;
      }
      buf[n++] = b;
    };
    for (const t of tokens) {
      const mark = n;
      let ok = true;
      for (let i = 0; i < t.length; i++) {
        const b = charCodeToByte(t.charCodeAt(i));
        if (b < 0) {
          ok = false;
          break;
        }
        put(b);
      }
      if (!ok) {
        // A char outside the byte alphabet: the whole token goes in as its own UTF-8.
        n = mark;
        for (const b of utf8.encode(t)) put(b);
      }
    }
    return [lossy.decode(buf.subarray(0, n))];
  }
}

export class ReplaceDecoder implements Decoder {
  constructor(readonly replace: ReplaceNormalizer) {}
  decodeChain(tokens: string[]): string[] {
    return tokens.map((t) => this.replace.replaceString(t));
  }
}

export class StripDecoder implements Decoder {
  /** Removes up to `start` leading and `stop` trailing occurrences of `content` from each token. */
  constructor(readonly content: string, readonly start: number, readonly stop: number) {}
  decodeChain(tokens: string[]): string[] {
    return tokens.map((t) => {
      const cs = [...t];
      let a = 0;
      for (let i = 0; i < this.start && i < cs.length; i++) {
        if (cs[i] === this.content) a = i + 1;
        else break;
      }
      let b = cs.length;
      for (let i = 0; i < this.stop; i++) {
        const k = cs.length - i - 1;
        if (k >= 0 && cs[k] === this.content) b = k;
        else break;
      }
      return a < b ? cs.slice(a, b).join('') : '';
    });
  }
}

export class FuseDecoder implements Decoder {
  decodeChain(tokens: string[]): string[] {
    return [tokens.join('')];
  }
}

/** `<0xAB>` byte tokens (byte_fallback) back to text; invalid runs become one U+FFFD per byte. */
export class ByteFallbackDecoder implements Decoder {
  decodeChain(tokens: string[]): string[] {
    const out: string[] = [];
    let bytes: number[] = [];
    const flush = (): void => {
      if (!bytes.length) return;
      try {
        out.push(strict.decode(Uint8Array.from(bytes)));
      } catch {
        for (let i = 0; i < bytes.length; i++) out.push('\uFFFD');
      }
      bytes = [];
    };
    for (const t of tokens) {
      // The reference tests the UTF-8 length (6) and parses the two middle chars like
      // u8::from_str_radix, which also accepts a leading '+'.
      const m = t.length === 6 && /^<0x(\+[0-9a-fA-F]|[0-9a-fA-F]{2})>$/.exec(t);
      if (m) bytes.push(parseInt(m[1]!, 16));
      else {
        flush();
        out.push(t);
      }
    }
    flush();
    return out;
  }
}

export class SequenceDecoder implements Decoder {
  constructor(readonly children: readonly Decoder[]) {}
  decodeChain(tokens: string[]): string[] {
    let t = tokens;
    for (const c of this.children) t = c.decodeChain(t);
    return t;
  }
}
