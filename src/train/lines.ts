// Splits UTF-8 bytes into lines the way Hugging Face's `train_from_files` reads them: each line ends
// after its '\n' (kept, with any '\r'), the last line of a file may lack one. Bytes that are not valid
// UTF-8 become U+FFFD (WHATWG decoding) and the line is counted as invalid — the reference would stop
// with an error instead. It does not read files (count-node.ts does).

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

export interface DecodedBlock {
  /** The lines, each with its '\n' when it had one. */
  lines: string[];
  /** How many of them held bytes that are not UTF-8 (decoded with U+FFFD). */
  invalid: number;
}

/**
 * Splits decoded text after every '\n'.
 * PARITY: HF pre-tokenizes each line on its own, ending kept (`lines_with_ending`), so whitespace
 * runs never join across lines (tested in test/train/trainer-core.test.ts).
 */
export function splitLines(text: string, out: string[] = []): string[] {
  let from = 0;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
    out.push(text.slice(from, nl + 1));
    from = nl + 1;
  }
  if (from < text.length) out.push(text.slice(from));
  return out;
}

/**
 * Decodes a block of whole lines (it ends at a '\n' or at the end of a file).
 * Note: the BOM is kept as U+FEFF (`ignoreBOM`), as Rust's `read_line` keeps it.
 */
export function decodeBlock(bytes: Uint8Array): DecodedBlock {
  try {
    return { lines: splitLines(fatal.decode(bytes)), invalid: 0 };
  } catch {
    // Rare path: find the bad lines one by one. A bad sequence never spans a '\n' (an ASCII byte
    // ends any sequence), so decoding line by line gives the same text as decoding the block.
    const lines: string[] = [];
    let invalid = 0;
    let from = 0;
    while (from < bytes.length) {
      let nl = bytes.indexOf(0x0a, from);
      nl = nl < 0 ? bytes.length : nl + 1;
      const line = bytes.subarray(from, nl);
      try {
        lines.push(fatal.decode(line));
      } catch {
        lines.push(lenient.decode(line));
        invalid++;
      }
      from = nl;
    }
    return { lines, invalid };
  }
}

/**
 * Cuts a stream of chunks into blocks that end at a line end, so no line is split between blocks.
 * `push` returns the complete part (possibly empty); `end` returns what is left (a last line
 * without '\n', possibly empty). One instance per file: a file's last line never joins the next file's.
 */
export class LineBlocker {
  // The unfinished line, as copied parts (joined once its '\n' arrives: no quadratic copying).
  private parts: Uint8Array[] = [];
  private size = 0;

  push(chunk: Uint8Array): Uint8Array {
    const nl = chunk.lastIndexOf(0x0a);
    if (nl < 0) {
      if (chunk.length > 0) this.keep(chunk);
      return new Uint8Array(0);
    }
    this.parts.push(chunk.subarray(0, nl + 1));
    this.size += nl + 1;
    const block = this.take();
    if (nl + 1 < chunk.length) this.keep(chunk.subarray(nl + 1));
    return block;
  }

  end(): Uint8Array {
    return this.take();
  }

  private keep(b: Uint8Array): void {
    this.parts.push(copy(b));
    this.size += b.length;
  }

  private take(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    this.parts = [];
    this.size = 0;
    return out;
  }
}

/** A copy with its own ArrayBuffer. (`Buffer#slice` would return a view, hence not `.slice()`.) */
function copy(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length);
  out.set(b);
  return out;
}
