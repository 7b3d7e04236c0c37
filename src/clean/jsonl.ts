// Finds where one top-level member's value sits in a JSONL line, so a cleaner can replace just
// that value and leave every other byte of the line as it was (big integer ids, key order,
// spacing and escapes survive exactly; a JSON.parse/JSON.stringify round trip would alter them).
// Not handled: invalid JSON — callers JSON.parse the line first and report errors themselves.

const WS = new Set([' ', '\t', '\n', '\r']);

function skipWs(s: string, i: number): number {
  while (i < s.length && WS.has(s[i] as string)) i++;
  return i;
}

/** `i` at an opening quote; returns the index just after the closing quote. */
function skipString(s: string, i: number): number {
  let j = i + 1;
  while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
  return j + 1;
}

/** `i` at the first character of a value; returns the index just after it. */
function skipValue(s: string, i: number): number {
  const c = s[i];
  if (c === '"') return skipString(s, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    let j = i;
    while (j < s.length) {
      const ch = s[j];
      if (ch === '"') {
        j = skipString(s, j);
        continue;
      }
      if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') depth--;
      j++;
      if (depth === 0) return j;
    }
    return j;
  }
  let j = i;
  while (j < s.length && !WS.has(s[j] as string) && s[j] !== ',' && s[j] !== '}' && s[j] !== ']') j++;
  return j;
}

/**
 * The [start, end) span of the value of top-level member `field` in `line`, a valid JSON object
 * (the last one when the key repeats, as JSON.parse keeps the last), or null when there is none.
 */
export function findMemberValue(line: string, field: string): { start: number; end: number } | null {
  let i = skipWs(line, 0);
  if (line[i] !== '{') return null;
  i = skipWs(line, i + 1);
  let found: { start: number; end: number } | null = null;
  while (i < line.length && line[i] !== '}') {
    const keyEnd = skipString(line, i);
    const key = JSON.parse(line.slice(i, keyEnd)) as string;
    i = skipWs(line, keyEnd) + 1; // past ':'
    const start = skipWs(line, i);
    const end = skipValue(line, start);
    if (key === field) found = { start, end };
    i = skipWs(line, end);
    if (line[i] === ',') i = skipWs(line, i + 1);
  }
  return found;
}
