// A string from UTF-16 code units held in a Uint16Array, in one copy: the last step of the ByteLevel
// decode. Exact for well-formed UTF-16 on every path, a leading U+FEFF kept (the TextDecoder path
// would turn a lone surrogate into U+FFFD: the caller only writes text decoded from UTF-8, never one).

/** The units `units[0..n)` as a string. */
export type Utf16Text = (units: Uint16Array, n: number) => string;

interface NodeBufferLike {
  ucs2Slice(start: number, end: number): string;
}
interface NodeBufferCtor {
  from(buf: ArrayBufferLike, byteOffset: number, length: number): NodeBufferLike;
  prototype: { ucs2Slice?: unknown };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Node's Buffer: `ucs2Slice` builds a two-byte string straight from the bytes (one memcpy), the
 * cheapest way there is — TextDecoder('utf-16le') costs ~2x more per call on Node 20, which a short
 * line feels. The Buffer view over the same memory is made once per units array.
 */
export function nodeUtf16Text(): Utf16Text | null {
  const B = (globalThis as unknown as { Buffer?: NodeBufferCtor }).Buffer;
  if (!LITTLE_ENDIAN || typeof B?.from !== 'function' || typeof B.prototype?.ucs2Slice !== 'function') return null;
  let of: Uint16Array | null = null;
  let view: NodeBufferLike | null = null;
  return (units, n) => {
    if (units !== of) {
      view = B.from(units.buffer, units.byteOffset, units.byteLength);
      of = units;
    }
    return view!.ucs2Slice(0, 2 * n);
  };
}

/** Any platform with TextDecoder: utf-16le with the BOM kept. */
export function decoderUtf16Text(): Utf16Text | null {
  if (!LITTLE_ENDIAN) return null;
  const d = new TextDecoder('utf-16le', { ignoreBOM: true });
  return (units, n) => d.decode(units.subarray(0, n));
}

/** The portable fallback (big-endian hosts): String.fromCharCode over chunks small enough for an argument list. */
export function charCodeUtf16Text(): Utf16Text {
  return (units, n) => {
    let s = '';
    for (let i = 0; i < n; i += 4096) s += String.fromCharCode.apply(null, units.subarray(i, Math.min(n, i + 4096)) as unknown as number[]);
    return s;
  };
}

/** The fastest exact path this platform has. */
export const utf16Text: Utf16Text = nodeUtf16Text() ?? decoderUtf16Text() ?? charCodeUtf16Text();
