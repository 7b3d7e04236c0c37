// Property tests of the whole pipeline: cleaning is idempotent, never drops or changes normal
// Korean prose, never adds text except mask tokens, and the report adds up; plus generated PII
// that must be masked and generated dates/prices that must not. Seed printed by fc-seed.ts.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cleaner, DEFAULT_PII_TOKENS, findPii, type CleanOptions } from '../../src/clean/index.js';
import { seed } from './fc-seed.js';

const runs = { seed, numRuns: 400 };
const TOKENS = Object.values(DEFAULT_PII_TOKENS);

// Pieces that exercise every step and their interplay: markup, entities, numbers, repeats, tokens.
const PIECES = [
  '가', '나', '한국어', '문장', 'ㅋ', 'ㅠ', '!', '.', ',', '?', '~', '^', ';', '-', '_', '*', ' ', ' ', '  ', '\t', '\n',
  '\n\n', '\r\n', '\u00a0', '\u3000', '\u0085', '<', '>', '/', '<b>', '</b>', '<p>', '<br>', '<!--', '-->', '<script>',
  '</script>', '&', 'amp;', 'lt;', 'gt;', '&#', 'x41;', '#', '## ', '**', '`', '[', ']', '(', ')', '(http://a.kr)', '|',
  '---', '0', '1', '2', '5', '9', '010', '02', '031', '1234', '5678', '900101', '+82', '@', 'naver', '.com', 'a',
  '4111', '계좌', '주민', 'ISBN', '<|tel|>', '<|', '|>', 'tel', '😀', '\u200b', 'aa', 'mm', 'm', 'p', 'l', 't', ';',
  'ampp;', '&&', '<<', '>>',
];
const messy = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((a) => a.join(''));
const anyText = fc.oneof(messy, fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 40 }));
const options: fc.Arbitrary<CleanOptions> = fc.record({
  maxRepeat: fc.integer({ min: 1, max: 4 }),
  maxBlankLines: fc.integer({ min: 0, max: 2 }),
  lineBreaks: fc.constantFrom('keep' as const, 'space' as const),
  minChars: fc.integer({ min: 0, max: 6 }),
});

const noDedup = (o: CleanOptions): CleanOptions => ({ ...o, steps: { dedup: false } });

function stripTokens(s: string): string {
  let t = s;
  for (const tok of TOKENS) t = t.split(tok).join('');
  return t;
}
function isSubsequence(small: string, big: string): boolean {
  const a = [...small];
  const b = [...big];
  let j = 0;
  for (const ch of a) {
    while (j < b.length && b[j] !== ch) j++;
    if (j === b.length) return false;
    j++;
  }
  return true;
}

describe('pipeline properties', () => {
  it('is idempotent on cases where one step re-enables another (regressions)', () => {
    // repeat (limit 1) turns "&aamp;" into the entity "&amp;"; whitespace joins "010  1234";
    // repeat cuts "-----" into a separator; "<<<<<" next to a number becomes "<<<" + "<|tel|>".
    const cases: [string, CleanOptions][] = [
      ['&aamp;lt;', { maxRepeat: 1 }],
      ['&&aammpp;; 값', { maxRepeat: 1 }],
      ['010--1234--5678 연락', { maxRepeat: 1 }],
      ['<<<<<010-1234-5678>>>>>', {}],
      ['010  1234   5678 번', {}],
      ['**&amp;lt;b&amp;gt;**굵게', {}],
    ];
    for (const [text, o] of cases) {
      const keepAll = { ...o, steps: { dedup: false, short: false, fragment: false } };
      const once = new Cleaner(keepAll).cleanText(text).text;
      expect(once, text).not.toBe(null);
      expect(new Cleaner(keepAll).cleanText(once as string).text, text).toBe(once);
    }
  });

  it('is idempotent: cleaning a cleaned document changes nothing', () => {
    fc.assert(
      fc.property(anyText, options, (text, o) => {
        const once = new Cleaner(noDedup(o)).cleanText(text).text;
        if (once === null) return;
        expect(new Cleaner(noDedup(o)).cleanText(once).text).toBe(once);
      }),
      runs,
    );
  });

  it('never introduces text: without entities, the output minus tokens is a subsequence of the input', () => {
    const noAmp = fc.oneof(messy, fc.string({ unit: 'grapheme', maxLength: 60 })).map((s) => s.replace(/&/g, ''));
    fc.assert(
      fc.property(noAmp, options, (text, o) => {
        const out = new Cleaner(noDedup(o)).cleanText(text).text;
        if (out === null) return;
        const squash = (s: string) => s.replace(/\s/gu, '');
        expect(isSubsequence(squash(stripTokens(out)), squash(text))).toBe(true);
      }),
      runs,
    );
  });

  it('with named entities, every output character is in the input, decoded from one, or whitespace', () => {
    // Numeric entities can decode to any character (unit-tested in steps.test.ts), so no '#' here.
    const decoded = new Set(['&', '<', '>']);
    fc.assert(
      fc.property(messy.map((s) => s.replace(/#/g, '')), (text) => {
        const out = new Cleaner({ steps: { dedup: false } }).cleanText(text).text;
        if (out === null) return;
        const have = new Set([...text]);
        for (const ch of stripTokens(out)) {
          if (!have.has(ch) && !decoded.has(ch) && !/\s/u.test(ch)) throw new Error(`introduced ${JSON.stringify(ch)} from ${JSON.stringify(text)}`);
        }
      }),
      runs,
    );
  });

  it('keeps normal Korean prose whole and unchanged, with its line breaks', () => {
    const syllable = fc.integer({ min: 0xac00, max: 0xd7a3 }).map((c) => String.fromCharCode(c));
    const word = fc.array(syllable, { minLength: 2, maxLength: 5 }).map((a) => a.join(''));
    const sentence = fc
      .tuple(fc.array(word, { minLength: 3, maxLength: 10 }), fc.constantFrom('.', '?', '!', '다.', '요.', ','))
      .map(([ws, end]) => ws.join(' ') + end);
    const paragraph = fc.array(sentence, { minLength: 1, maxLength: 4 }).map((s) => s.join(' '));
    const prose = fc
      .tuple(fc.array(paragraph, { minLength: 1, maxLength: 4 }), fc.constantFrom('\n', '\n\n'))
      .map(([ps, sep]) => ps.join(sep));
    fc.assert(
      fc.property(prose, (text) => {
        // A syllable repeated 4+ times in a row is legitimately cut by the repeat step.
        fc.pre(!/(.)\1{3}/u.test(text));
        const r = new Cleaner().cleanText(text);
        expect(r.droppedBy).toBe(null);
        expect(r.text).toBe(text);
      }),
      runs,
    );
  });

  it('report: every document is either output or dropped by exactly one step', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(anyText, fc.constantFrom('같은 문장입니다', '같은 문장입니다')), { maxLength: 30 }), (docs) => {
        const c = new Cleaner();
        let kept = 0;
        for (const d of docs) if (c.cleanText(d).text !== null) kept++;
        const r = c.report;
        const dropped = Object.values(r.steps).reduce((n, s) => n + s.dropped, 0);
        expect(r.documentsIn).toBe(docs.length);
        expect(r.documentsOut).toBe(kept);
        expect(kept + dropped).toBe(docs.length);
      }),
      { ...runs, numRuns: 100 },
    );
  });
});

// Independent helpers to build valid and invalid PII for the generators.
function luhnDigit(body: string): string {
  const ds = [...body].map(Number).reverse();
  let sum = 0;
  ds.forEach((d, i) => {
    const x = i % 2 === 0 ? d * 2 : d;
    sum += x > 9 ? x - 9 : x;
  });
  return String((10 - (sum % 10)) % 10);
}
const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
const pad2 = (n: number) => String(n).padStart(2, '0');

describe('generated PII', () => {
  const ALL = { tel: true, rrn: true, acc: true, card: true, email: true };
  const only = (s: string) => findPii(s, ALL).map((x) => [x.kind, s.slice(x.start, x.end)]);

  it('masks every well-formed Korean phone number as one tel span', () => {
    const mobile = fc.tuple(fc.constantFrom('010', '011', '016', '017', '018', '019'), fc.integer({ min: 1, max: 9 }), digits(3), digits(4));
    const land = fc.tuple(fc.constantFrom('02', '031', '032', '033', '041', '042', '043', '044', '051', '052', '053', '054', '055', '061', '062', '063', '064', '070'), fc.integer({ min: 2, max: 9 }), digits(3), digits(4));
    const sep = fc.constantFrom('-', '.', ' ', '', ' - ', '–');
    fc.assert(
      fc.property(fc.oneof(mobile, land), sep, sep, fc.boolean(), ([area, x0, x, n], s1, sep2, intl) => {
        // Both parts separated or neither (mixed "02 20000101" is not read as a phone number).
        const s2 = s1 === '' ? '' : sep2 === '' ? '-' : sep2;
        const num = `${intl ? `+82 ${area.slice(1)}` : area}${s1}${x0}${x}${s2}${n}`;
        expect(only(`전화 ${num} 주세요`)).toEqual([['tel', num]]);
      }),
      runs,
    );
  });

  it('masks hyphenated RRNs with real dates as rrn, and never those with impossible months', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 8 }), digits(6), (y, m, d, g, tail) => {
        const ok = `${pad2(y)}${pad2(m)}${pad2(d)}-${g}${tail}`;
        expect(only(`번호 ${ok} 확인`)).toEqual([['rrn', ok]]);
        const bad = `${pad2(y)}${pad2(m + 12)}${pad2(d)}-${g}${tail}`;
        expect(only(`번호 ${bad} 확인`).filter(([k]) => k === 'rrn')).toEqual([]);
      }),
      runs,
    );
  });

  it('masks Luhn-valid card numbers and leaves Luhn-invalid ones', () => {
    fc.assert(
      fc.property(fc.constantFrom('4', '51', '52', '53', '54', '55', '9'), digits(14), fc.constantFrom('-', ' ', ''), (pre, rest, s) => {
        const body = (pre + rest).slice(0, 15);
        const good = body + luhnDigit(body);
        fc.pre(!/^(\d)\1*$/.test(good));
        const fmt = (n: string) => (s === '' ? n : n.match(/.{4}/g)!.join(s));
        expect(only(`카드 ${fmt(good)} 결제`)).toEqual([['card', fmt(good)]]);
        const bad = body + String((Number(luhnDigit(body)) + 1) % 10);
        expect(only(`카드 ${fmt(bad)} 결제`)).toEqual([]);
      }),
      runs,
    );
  });

  it('never masks dates, times, prices or decimals', () => {
    const date = fc.tuple(fc.integer({ min: 1900, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.constantFrom('-', '.', '/', '. ', '')).map(
      ([y, m, d, s]) => `${y}${s}${pad2(m)}${s}${pad2(d)}`,
    );
    const price = fc.bigInt({ min: 0n, max: 10n ** 15n }).map((n) => `${n.toLocaleString('en-US')}원`);
    const decimal = fc.tuple(fc.nat(99999), fc.nat(99999)).map(([a, b]) => `${a}.${b}`);
    const time = fc.tuple(fc.nat(23), fc.nat(59), fc.nat(59)).map(([h, m, s]) => `${pad2(h)}:${pad2(m)}:${pad2(s)}`);
    fc.assert(
      fc.property(fc.array(fc.oneof(date, price, decimal, time), { minLength: 1, maxLength: 4 }), (xs) => {
        const text = `기록: ${xs.join(' ')} 끝`;
        expect(only(text)).toEqual([]);
      }),
      runs,
    );
  });
});
