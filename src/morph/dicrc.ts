// Parses MeCab's `dicrc` text config and mecab-ko's `left-space-penalty-factor` list.
// Only the keys the analyser uses are interpreted; unknown keys are kept but ignored.

/** `key = value` pairs; like MeCab's Param::load the FIRST occurrence of a key wins. */
export function parseDicrc(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line === '' || line[0] === ';' || line[0] === '#') continue;
    const eq = line.indexOf('=');
    if (eq < 0) continue; // MeCab dies here; a missing '=' cannot carry any key we use.
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (key !== '' && !out.has(key)) out.set(key, value);
  }
  return out;
}

/** C `strtol(s, NULL, 0)`: optional sign, `0x` hex, leading-0 octal, else decimal; stops at junk. */
export function strtolBase0(s: string): number {
  let i = 0;
  while (i < s.length && /\s/.test(s[i]!)) i++;
  let sign = 1;
  if (s[i] === '+' || s[i] === '-') {
    if (s[i] === '-') sign = -1;
    i++;
  }
  let base = 10;
  if (s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X') && /[0-9a-fA-F]/.test(s[i + 2] ?? '')) {
    base = 16;
    i += 2;
  } else if (s[i] === '0') {
    base = 8;
  }
  let v = 0;
  for (; i < s.length; i++) {
    const d = parseInt(s[i]!, base);
    if (Number.isNaN(d)) break;
    v = v * base + d;
  }
  return sign * v;
}

/**
 * `posid,cost,posid,cost,…` → a lookup table by posid. PARITY: the FIRST pair naming a posid wins
 * (connector.cpp scans the list in order); at most 64 fields are read; posid is cast to u16 and the
 * cost to int like the C code.
 */
export function parseSpacePenalty(value: string | undefined): Map<number, number> {
  const table = new Map<number, number>();
  if (value === undefined) return table;
  const cols = value.split(',').slice(0, 64);
  for (let i = 0; i + 1 < cols.length; i += 2) {
    const posid = strtolBase0(cols[i]!) & 0xffff;
    const cost = strtolBase0(cols[i + 1]!) | 0;
    if (!table.has(posid)) table.set(posid, cost);
  }
  return table;
}
