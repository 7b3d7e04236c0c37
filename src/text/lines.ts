// Splits a byte stream into UTF-8 lines under one line-ending rule (README "Line endings"): a line
// ends at "\n", and one "\r" right before it (or at the very end of the input) is not part of the
// line. A final "\n" does not start an empty line; a byte order mark at the start is dropped.
// Platform-neutral (no Node imports). Not handled: "\r" alone, U+2028 and U+0085 end no line.

export interface InvalidLine {
  /** 1-based line number. */
  line: number;
  /** Offset in the stream of the first byte that is not UTF-8. */
  byte: number;
}

export interface SplitLinesOptions {
  /**
   * A line that is not valid UTF-8: throw to stop, return to skip the line (it is not yielded).
   * Default: throw a TypeError naming the line.
   */
  onInvalid?: (bad: InvalidLine) => void;
  /** Called after each chunk with the number of bytes read so far (for progress). */
  onBytes?: (bytesDone: number) => void;
}

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/** The lines of `chunks` (bytes, or strings taken as their UTF-8), without their line endings. */
export async function* splitLines(chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, o: SplitLinesOptions = {}): AsyncGenerator<string> {
  const onInvalid =
    o.onInvalid ??
    ((b: InvalidLine) => {
      throw new TypeError(`line ${b.line} (byte ${b.byte}) is not valid UTF-8`);
    });
  let parts: Uint8Array[] = []; // bytes of the current, unfinished line
  let offset = 0; // stream offset of the first byte in `parts`
  let lineNo = 0; // lines ended so far (yielded or skipped)
  let read = 0;
  const finish = (bytes: Uint8Array): string | null => {
    let s: string;
    try {
      s = fatal.decode(bytes);
    } catch {
      onInvalid({ line: lineNo + 1, byte: offset + firstInvalidUtf8(bytes) });
      return null;
    }
    if (s.endsWith('\r')) s = s.slice(0, -1);
    if (lineNo === 0 && s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    return s;
  };
  for await (const chunk of chunks) {
    const data = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
    read += data.length;
    let from = 0;
    for (let nl = data.indexOf(0x0a); nl >= 0; nl = data.indexOf(0x0a, from)) {
      parts.push(data.subarray(from, nl));
      const bytes = parts.length === 1 ? parts[0]! : concat(parts);
      parts = [];
      const line = finish(bytes);
      offset += bytes.length + 1;
      lineNo++;
      if (line !== null) yield line;
      from = nl + 1;
    }
    if (from < data.length) parts.push(data.slice(from)); // a copy: a stream may reuse its buffer
    o.onBytes?.(read);
  }
  if (parts.length > 0) {
    const line = finish(concat(parts));
    // A trailing lone "\r" (or a byte order mark alone) is a line ending, not a line.
    if (line !== null && line !== '') yield line;
  }
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (bytes.length if none). */
export function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    const n = c < 0x80 ? 1 : c >= 0xc2 && c < 0xe0 ? 2 : c >= 0xe0 && c < 0xf0 ? 3 : c >= 0xf0 && c < 0xf5 ? 4 : 0;
    if (n === 0 || i + n > b.length) return i;
    if (n > 1) {
      try {
        fatal.decode(b.subarray(i, i + n));
      } catch {
        return i;
      }
    }
    i += n;
  }
  return b.length;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
