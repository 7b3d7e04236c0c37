// Bank account numbers → `acc`. Two ways to be recognised:
// 1. Hyphenated in a format a common Korean bank prints (KB 6-2-6 / 3-2-4-3, 신한·케이뱅크 3-3-6,
//    신한(구)·SC 3-2-6, 우리 4-3-6, 하나 3-6-5, NH·부산 3-4-4-2, IBK 3-6-2-3, 씨티 3-6-3,
//    카카오뱅크 4-2-7, 토스뱅크 100x-4-4, 새마을금고 4-2-6-1, 대구 3-2-6-1; 우체국·단위농협 6-2-6).
// 2. Any 10-14 digits (bare, or grouped by hyphens or spaces) right after a bank word within
//    24 characters (계좌, 은행, 뱅크, 입금, 송금, 예금주, 농협, 우체국, 새마을금고, 신협, account).
// Not handled: bare account numbers with no bank word nearby (indistinguishable from order numbers).

import { H, LEFT, RIGHT, allSameDigit, contextBefore, digitsOf, isIsbn13, notPiiLabel, scan, type PiiSpan } from './common.js';

const FORMATS: number[][] = [
  [6, 2, 6], [3, 2, 4, 3], [3, 3, 6], [3, 2, 6], [4, 3, 6], [3, 6, 5], [3, 4, 4, 2], [3, 6, 2, 3],
  [3, 6, 3], [4, 2, 7], [4, 4, 4], [4, 2, 6, 1], [3, 2, 6, 1],
];
// An account number is not followed by ",ddd": that is an amount glued on ("2015-08-21194,159원").
const NOT_AMOUNT = '(?!,\\d{3}(?!\\d))';
const FORMATTED = new RegExp(
  `${LEFT}(?:${FORMATS.map((f) => f.map((n) => `\\d{${n}}`).join(H)).join('|')})${RIGHT}${NOT_AMOUNT}`,
  'g',
);
const GROUPED = new RegExp(`${LEFT}\\d{2,14}(?:(?: ?${H} ?| )\\d{1,14}){0,5}${RIGHT}${NOT_AMOUNT}`, 'g');
const BANK_WORD = /계좌|은행|뱅크|입금|송금|예금주|농협|우체국|새마을금고|신협|수협|account/i;

function formattedOk(s: string): boolean {
  const groups = s.split(/[^0-9]+/);
  // 4-4-4 is also how parcel numbers are printed; 토스뱅크 accounts start with 100.
  if (groups.length === 3 && groups.every((g) => g.length === 4) && !s.startsWith('100')) return false;
  const d = digitsOf(s);
  return !allSameDigit(d) && !isIsbn13(d);
}

/**
 * The shortest leading run of groups holding 10-14 digits that ends at a space or at the end, so
 * "110123456789 3만원" keeps the amount out of the span.
 */
function contextSpan(m: RegExpExecArray): number | null {
  const parts = m[0].split(/([^0-9]+)/); // digits, sep, digits, sep, …
  let total = 0;
  let pos = 0;
  for (let i = 0; i < parts.length; i += 2) {
    const g = parts[i] as string;
    total += g.length;
    pos += g.length;
    const sep = parts[i + 1];
    const endsCleanly = sep === undefined || /^ +$/.test(sep);
    if (total >= 10 && total <= 14 && endsCleanly) return pos;
    if (total > 14) return null;
    if (sep !== undefined) pos += sep.length;
  }
  return null;
}

export function findAccount(text: string, out: PiiSpan[]): void {
  scan(
    FORMATTED,
    text,
    (m) => {
      if (!formattedOk(m[0]) || notPiiLabel(text, m.index)) return null;
      return { start: m.index, end: m.index + m[0].length, kind: 'acc' };
    },
    out,
  );
  scan(
    GROUPED,
    text,
    (m) => {
      if (!contextBefore(text, m.index, BANK_WORD) || notPiiLabel(text, m.index)) return null;
      const len = contextSpan(m);
      if (len === null) return null;
      const d = digitsOf(m[0].slice(0, len));
      if (allSameDigit(d) || isIsbn13(d)) return null;
      return { start: m.index, end: m.index + len, kind: 'acc' };
    },
    out,
  );
}
