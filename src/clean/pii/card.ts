// Payment card numbers → `card`: 4-4-4-4 (16), 4-6-5 (15, Amex) and 4-6-4 (14, Diners) with one
// consistent separator (hyphen or space), or 15-16 bare digits; the Luhn check must pass and the
// number must start like an issued card (2221-2720, 3, 4, 5, 6 or 9 for Korean domestic cards).
// Not handled: partially masked numbers (1234-56**-****-1234) and 13/17-19-digit cards.

import { H, LEFT, RIGHT, allSameDigit, digitsOf, luhnValid, notPiiLabel, scan, type PiiSpan } from './common.js';

const CARD = new RegExp(
  `${LEFT}(?:` +
    `\\d{4}(?<a> ?${H} ?| )\\d{4}\\k<a>\\d{4}\\k<a>\\d{4}` +
    `|\\d{4}(?<b> ?${H} ?| )\\d{6}\\k<b>\\d{4,5}` +
    `|\\d{15,16}` +
    `)${RIGHT}`,
  'g',
);

function cardPrefix(d: string): boolean {
  const c = d[0];
  if (c === '3' || c === '4' || c === '5' || c === '6' || c === '9') return true;
  const four = Number(d.slice(0, 4));
  return four >= 2221 && four <= 2720;
}

export function findCard(text: string, out: PiiSpan[]): void {
  scan(
    CARD,
    text,
    (m) => {
      const d = digitsOf(m[0]);
      if (!cardPrefix(d) || allSameDigit(d) || !luhnValid(d)) return null;
      if (notPiiLabel(text, m.index)) return null;
      return { start: m.index, end: m.index + m[0].length, kind: 'card' };
    },
    out,
  );
}
