// Pieces shared by the PII detectors: the separator classes, the digit boundaries, the context
// tests (labels that say "this number is not personal data") and the check-digit helpers.
// Not handled: full-width digits (０１０…) and numbers spelled in Hangul (공일공) are not recognised.

import type { PiiKind } from '../options.js';

export interface PiiSpan {
  start: number;
  end: number;
  kind: PiiKind;
}

/** Hyphens as typed or auto-corrected: ASCII, U+2010-2014 and the full-width U+FF0D. */
export const H = '[-\\u2010\\u2011\\u2012\\u2013\\u2014\\uFF0D]';

/**
 * A number starts where no digit or ASCII letter is glued to it, and not right after `digit-`,
 * `digit.`, `digit/` or `digit:` — so the tail of `2010-2020`, `1.010.1234.5678` or `1900/01/02` is
 * never read as a number of its own. A comma does not glue: "010-1234-5678,010-2345-6789" is a list.
 */
export const LEFT = `(?<![0-9A-Za-z])(?<![0-9](?:${H}|[./:]))`;
/** The mirror of LEFT: nothing glued after, and no `-digit` `.digit` `/digit` `:digit` continuing the number. */
export const RIGHT = `(?![0-9A-Za-z])(?!(?:${H}|[./:])[0-9])`;

// A label right before the number that says what it is: an ISBN, an order, a parcel, a company.
// Only an adjacent label counts ("주문번호: …"), so "주문 후 010-…로 연락" is still masked.
const NOT_PII_LABEL =
  /(?:ISBN(?:-?1[03])?|ISSN|DOI|주문|송장|운송장|택배|사업자(?:등록)?|법인(?:등록)?|품번|모델|일련|제품|상품|serial|order|tracking|invoice|S\/N)\s*(?:번호|No\.?|#)?\s*(?:[은는이가]\s*)?[:：#=.]?\s*$/i;

export function notPiiLabel(text: string, start: number): boolean {
  return NOT_PII_LABEL.test(text.slice(Math.max(0, start - 24), start));
}

/** Whether `re` matches within the `window` characters before `start` (same line or not). */
export function contextBefore(text: string, start: number, re: RegExp, window = 24): boolean {
  return re.test(text.slice(Math.max(0, start - window), start));
}

export function digitsOf(s: string): string {
  return s.replace(/[^0-9]/g, '');
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** A 13-digit 978/979 number with a valid ISBN-13 check digit is a book, never PII. */
export function isIsbn13(digits: string): boolean {
  if (digits.length !== 13 || !(digits.startsWith('978') || digits.startsWith('979'))) return false;
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += (digits.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3);
  return sum % 10 === 0;
}

export function allSameDigit(digits: string): boolean {
  return /^(\d)\1*$/.test(digits);
}

/**
 * Runs a global regex over `text`, keeping the matches `accept` returns a span for. A rejected
 * match restarts one character later, so a shorter valid number inside it is still found.
 */
export function scan(
  re: RegExp,
  text: string,
  accept: (m: RegExpExecArray) => PiiSpan | null,
  out: PiiSpan[],
): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const span = accept(m);
    if (span) {
      out.push(span);
      re.lastIndex = Math.max(span.end, m.index + 1);
    } else {
      re.lastIndex = m.index + 1;
    }
  }
}
