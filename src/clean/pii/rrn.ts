// Resident registration numbers (주민등록번호, also 외국인등록번호) → `rrn`: YYMMDD-GNNNNNN where
// YYMMDD is a real date and G is 1-8 (1/2/5/6 born 1900-99, 3/4/7/8 born 2000-99); a tail masked
// with `*`/`x`/`●` (900101-1******) still reveals birth date and sex and is masked too.
// The check digit is NOT required: numbers issued since October 2020 have random tails that need
// not satisfy it. Hence: with a hyphen, date + gender digit suffice; without one (13 bare digits)
// the number must pass the old check digit or sit after a label such as 주민번호 — a bare post-2020
// number without a label is not recognised (the price of never masking 13-digit order numbers).

import { H, LEFT, RIGHT, contextBefore, notPiiLabel, scan, type PiiSpan } from './common.js';

const RRN = new RegExp(
  `${LEFT}(?<y>\\d{2})(?<m>\\d{2})(?<d>\\d{2})(?<s> ?${H} ?| ?)(?<g>[1-8])(?<t>[0-9*xX●○]{6})${RIGHT}`,
  'g',
);
const RRN_LABEL = /주민|외국인\s*등록|생년월일|RRN|resident\s+registration/i;

function validDate(yy: number, mm: number, dd: number, gender: number): boolean {
  const year = (gender === 3 || gender === 4 || gender === 7 || gender === 8 ? 2000 : 1900) + yy;
  if (mm < 1 || mm > 12 || dd < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mm - 1] as number;
  return dd <= days;
}

/** The pre-2020 check digit: weights 2..9,2..5 over the first 12 digits. */
export function rrnCheckDigitValid(d13: string): boolean {
  const w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (d13.charCodeAt(i) - 48) * (w[i] as number);
  return (11 - (sum % 11)) % 10 === d13.charCodeAt(12) - 48;
}

export function findRrn(text: string, out: PiiSpan[]): void {
  scan(
    RRN,
    text,
    (m) => {
      const g = m.groups ?? {};
      if (!validDate(Number(g.y), Number(g.m), Number(g.d), Number(g.g))) return null;
      if (notPiiLabel(text, m.index)) return null;
      const hyphen = /[^ ]/.test(g.s ?? '');
      const tail = g.t ?? '';
      const span: PiiSpan = { start: m.index, end: m.index + m[0].length, kind: 'rrn' };
      if (hyphen) return span;
      if (!/^\d{6}$/.test(tail)) return null;
      if (contextBefore(text, m.index, RRN_LABEL)) return span;
      const digits = `${g.y}${g.m}${g.d}${g.g}${tail}`;
      return rrnCheckDigitValid(digits) ? span : null;
    },
    out,
  );
}
