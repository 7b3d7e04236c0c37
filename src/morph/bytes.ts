// Byte-level helpers shared by the dictionary readers: accept the buffer shapes callers have
// (ArrayBuffer, SharedArrayBuffer, Uint8Array/Buffer) and make aligned typed-array views.
// No decoding of text beyond NUL-terminated ASCII names happens here.

export type BinaryInput = ArrayBuffer | SharedArrayBuffer | Uint8Array;

export function asBytes(input: BinaryInput): Uint8Array {
  return input instanceof Uint8Array ? input : new Uint8Array(input);
}

type ViewCtor<T> = {
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): T;
  BYTES_PER_ELEMENT: number;
};

/**
 * A typed view over `bytes[start, start + count * size)`. Views need an aligned byte offset; a
 * Node Buffer from the pool may not have one, and then (only then) the section is copied.
 */
export function view<T>(bytes: Uint8Array, start: number, count: number, Ctor: ViewCtor<T>): T {
  const at = bytes.byteOffset + start;
  if (at % Ctor.BYTES_PER_ELEMENT === 0) return new Ctor(bytes.buffer, at, count);
  const copy = bytes.slice(start, start + count * Ctor.BYTES_PER_ELEMENT);
  return new Ctor(copy.buffer, 0, count);
}

export function u32le(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

export function u16le(bytes: Uint8Array, at: number): number {
  return bytes[at]! | (bytes[at + 1]! << 8);
}

/** A NUL-padded ASCII name of at most `max` bytes (category names, charset). */
export function cString(bytes: Uint8Array, at: number, max: number): string {
  let s = '';
  for (let i = 0; i < max; i++) {
    const b = bytes[at + i]!;
    if (b === 0) break;
    s += String.fromCharCode(b);
  }
  return s;
}
