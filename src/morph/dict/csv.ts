// MeCab's CSV reading, byte for byte: `tokenizeCSV` (utils.h) with its quoting rules and its
// quirks, `escape_csv_element`, and the line splitting of mecab-dict-index (istream::getline into an
// 8192-byte buffer). Works on byte strings (binary.ts). It does not know what the fields mean.

/** mecab-dict-index reads lines into a BUF_SIZE (8192) buffer: at most 8191 bytes per line. */
export const MAX_LINE_BYTES = 8191;

/** One input line: its bytes (no `\n`) and 1-based number. */
export interface SourceLine {
  text: string;
  line: number;
}

/**
 * The lines `while (getline(...))` sees: split at `\n`; a final `\n` does not start another line.
 * A `\r` before `\n` stays in the line (MeCab keeps it, in the last field).
 */
export function sourceLines(text: string): SourceLine[] {
  const out: SourceLine[] = [];
  let at = 0;
  let line = 1;
  while (at < text.length) {
    let nl = text.indexOf('\n', at);
    if (nl < 0) nl = text.length;
    out.push({ text: text.slice(at, nl), line: line++ });
    at = nl + 1;
  }
  return out;
}

/**
 * MeCab's tokenizeCSV(str, out, max) on a C string (`text` up to its first NUL): fields split at
 * `,`, leading spaces/tabs skipped, `"…"` quoting with `""` for a quote. PARITY: like the C code,
 * the `max`-th field is not terminated, so it is the rest of the line (commas included), and
 * unquoting happens in place, so a quoted last field keeps the tail of the original bytes; a
 * trailing `,` does not make an empty last field.
 */
export function tokenizeCsv(text: string, max: number): string[] {
  // Most lines have no quote and no NUL: split directly (same result, tested against the emulation).
  if (!text.includes('"') && !text.includes('\0')) return splitPlain(text, max);
  return tokenizeCsvC(text, max);
}

/** tokenizeCSV for a line without quotes or NULs. */
function splitPlain(text: string, max: number): string[] {
  const out: string[] = [];
  const eos = text.length;
  let left = max;
  for (let str = 0; str < eos; ++str) {
    let c = text.charCodeAt(str);
    while (c === 0x20 || c === 0x09) c = text.charCodeAt(++str);
    if (left-- <= 1) {
      out.push(text.slice(str));
      break;
    }
    let end = text.indexOf(',', str);
    if (end < 0) end = eos;
    out.push(text.slice(str, end));
    str = end;
  }
  return out;
}

/** The byte-for-byte emulation of the C code (quotes, in-place unquoting, NUL ends the string). */
export function tokenizeCsvC(text: string, max: number): string[] {
  const nul = text.indexOf('\0');
  const buf: number[] = [];
  const eos = nul < 0 ? text.length : nul;
  for (let i = 0; i < eos; i++) buf.push(text.charCodeAt(i));
  buf.push(0);
  const starts: number[] = [];
  const find = (from: number): number => {
    for (let i = from; i < eos; i++) if (buf[i] === 0x2c) return i;
    return eos;
  };
  let left = max;
  for (let str = 0; str < eos; ++str) {
    while (buf[str] === 0x20 || buf[str] === 0x09) ++str;
    let start: number;
    let end: number;
    if (buf[str] === 0x22) {
      start = ++str;
      end = start;
      for (; str < eos; ++str) {
        if (buf[str] === 0x22) {
          str++;
          if (buf[str] !== 0x22) break;
        }
        buf[end++] = buf[str]!;
      }
      str = find(str);
    } else {
      start = str;
      str = find(str);
      end = str;
    }
    if (left-- > 1) buf[end] = 0;
    starts.push(start);
    if (left === 0) break;
  }
  return starts.map((s) => {
    let e = s;
    while (buf[e] !== 0) e++;
    return String.fromCharCode(...buf.slice(s, e));
  });
}

/** MeCab's escape_csv_element: quote a field holding `,` or `"`, doubling quotes. */
export function escapeCsvElement(w: string): string {
  if (!w.includes(',') && !w.includes('"')) return w;
  return '"' + w.replace(/"/g, '""') + '"';
}

/**
 * MeCab's tokenize2(str, " \t", out, max): splits at spaces/tabs, runs of them count as one
 * (empty tokens are dropped); at most `max` tokens, the rest of the line is ignored.
 */
export function tokenizeWhite(text: string, max: number): string[] {
  const nul = text.indexOf('\0');
  const s = nul < 0 ? text : text.slice(0, nul);
  const out: string[] = [];
  let at = 0;
  while (out.length < max) {
    let n = at;
    while (n < s.length && s[n] !== ' ' && s[n] !== '\t') n++;
    if (n > at) out.push(s.slice(at, n));
    if (n === s.length) break;
    at = n + 1;
  }
  return out;
}
