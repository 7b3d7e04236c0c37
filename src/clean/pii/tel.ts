// Korean telephone numbers → `tel`: mobile 010/011/016/017/018/019, landline area codes 02,
// 031-033, 041-044, 051-055, 061-064 and 070, as 0AA…, (0AA) …, 0AA)…, +82 …, 0082 …, with `-`, `.`,
// spaces or no separator. Not handled (never masked): local numbers without an area code
// (123-4567), company numbers 15xx/16xx/18xx-xxxx, 080 toll-free and 050x relay numbers.

import { H, LEFT, RIGHT, notPiiLabel, scan, type PiiSpan } from './common.js';

const AREA = '(?:1[016789]|2|3[1-3]|4[1-4]|5[1-5]|6[1-4]|70)';
const SEP = `(?: ?${H} ?|[. ]|)`;
const TEL = new RegExp(
  `${LEFT}(?:` +
    `(?:\\+|00)82 ?(?:${H} ?)?(?:\\(0\\) ?)?(?<i>${AREA})` + // +82 10 …, +82-(0)2-…
    `|\\((?<p>0${AREA})\\) ?` + // (02) 1234-5678
    `|(?<d>0${AREA})(?:\\) ?)?` + // 02-1234-5678, 02)1234-5678, 0212345678
    `)(?<s1>${SEP})(?<x>\\d{3,4})(?<s2>${SEP})(?<n>\\d{4})${RIGHT}`,
  'g',
);

function validExchange(area: string, x: string): boolean {
  if (area.startsWith('1')) {
    // Mobile: 010 numbers all have a 4-digit exchange; no exchange starts with 0.
    if (area === '10' && x.length !== 4) return false;
    return x[0] !== '0';
  }
  // Landline and 070: subscriber exchanges start with 2-9 (0 and 1 are trunk/service prefixes).
  return x[0] !== '0' && x[0] !== '1';
}

export function findTel(text: string, out: PiiSpan[]): void {
  scan(
    TEL,
    text,
    (m) => {
      const g = m.groups ?? {};
      const area = g.i ?? (g.p ?? g.d ?? '').slice(1);
      if (!validExchange(area, g.x ?? '')) return null;
      // Both parts separated or neither: "02 20000101" is a code and a date, not a phone number.
      const paren = g.p !== undefined || /\)/.test(m[0]);
      if ((g.s1 !== '' || paren) !== (g.s2 !== '')) return null;
      if (notPiiLabel(text, m.index)) return null;
      return { start: m.index, end: m.index + m[0].length, kind: 'tel' };
    },
    out,
  );
}
