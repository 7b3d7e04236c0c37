// MeCab's feature rewriting (dictionary_rewriter.cpp): the rules of `rewrite.def` that map a
// feature to the left/right context strings looked up in left-id.def / right-id.def, and the rules
// of `pos-id.def` that give a token its POS id. Byte strings throughout (binary.ts). Only what
// mecab-dict-index uses for a user dictionary; the trainer's rewrite2 cache is not needed.

import { DictionaryFormatError } from '../errors.js';
import { escapeCsvElement, sourceLines, tokenizeCsv, tokenizeWhite } from './csv.js';

const BUF_SIZE = 8192;

/** One `pattern target` rule: CSV fields to match and a CSV template with `$n` macros. */
export class RewritePattern {
  readonly source: string[];
  readonly target: string[];

  constructor(src: string, dst: string) {
    this.source = tokenizeCsv(src, 512);
    this.target = tokenizeCsv(dst, 512);
  }

  /** RewritePattern::rewrite: the rewritten string, or null when the pattern does not match. */
  rewrite(input: string[], where: () => string): string | null {
    if (this.source.length > input.length) return null;
    for (let i = 0; i < this.source.length; i++) if (!matchPattern(this.source[i]!, input[i]!)) return null;
    const out: string[] = [];
    for (const d of this.target) {
      let elm = '';
      for (let p = 0; p < d.length; p++) {
        if (d[p] !== '$') {
          elm += d[p];
          continue;
        }
        ++p;
        let n = 0;
        for (; p < d.length && d[p]! >= '0' && d[p]! <= '9'; p++) n = 10 * n + (d.charCodeAt(p) - 48);
        if (n === 0 || n - 1 >= input.length) {
          throw new DictionaryFormatError(where(), `rewrite target ${JSON.stringify(d)} refers to field $${n} of a feature with ${input.length} fields`, 0, {
            field: 'feature',
            hint: 'give the feature as many fields as the dictionary has (8 for mecab-ko-dic)',
          });
        }
        elm += input[n - 1];
        // PARITY: the character after the digits is copied as is (a second `$` is not a macro).
        if (p < d.length) elm += d[p];
      }
      out.push(escapeCsvElement(elm));
    }
    return out.join(',');
  }
}

/** match_rewrite_pattern: `*…` matches anything, `(A|B|…)` any alternative, else equality. */
function matchPattern(pat: string, str: string): boolean {
  if (pat[0] === '*' || pat === str) return true;
  if (pat.length >= 3 && pat[0] === '(' && pat[pat.length - 1] === ')') {
    // tokenize(buf, "|"): empty alternatives are kept.
    return pat.slice(1, -1).split('|').includes(str);
  }
  return false;
}

/** RewriteRules::rewrite: the first matching rule's output, or null. */
function applyRules(rules: RewritePattern[], input: string[], where: () => string): string | null {
  for (const r of rules) {
    const s = r.rewrite(input, where);
    if (s !== null) return s;
  }
  return null;
}

/** Splits a feature into CSV fields as DictionaryRewriter / POSIDGenerator do. */
export function featureFields(feature: string): string[] {
  return tokenizeCsv(feature, BUF_SIZE);
}

/** rewrite.def: the unigram, left and right sections. */
export class DictionaryRewriter {
  readonly unigram: RewritePattern[] = [];
  readonly left: RewritePattern[] = [];
  readonly right: RewritePattern[] = [];

  constructor(text: string, file = 'rewrite.def') {
    let section: RewritePattern[] | null = null;
    for (const { text: line, line: no } of sourceLines(text)) {
      if (line === '' || line[0] === '#') continue;
      if (line === '[unigram rewrite]') section = this.unigram;
      else if (line === '[left rewrite]') section = this.left;
      else if (line === '[right rewrite]') section = this.right;
      else {
        if (section === null) throw new DictionaryFormatError(file, 'a rule before any [unigram rewrite] / [left rewrite] / [right rewrite] section', 0, { line: no });
        const col = tokenizeWhite(line, 3);
        if (col.length < 2) throw new DictionaryFormatError(file, 'a rule needs a pattern and a target separated by spaces', 0, { line: no });
        section.push(new RewritePattern(col[0]!, col.length >= 3 ? `${col[1]} ${col[2]}` : col[1]!));
      }
    }
  }

  /** The left and right context strings of a feature, or null when a section has no matching rule. */
  rewrite(fields: string[], where: () => string): { left: string; right: string } | null {
    if (applyRules(this.unigram, fields, where) === null) return null;
    const left = applyRules(this.left, fields, where);
    if (left === null) return null;
    const right = applyRules(this.right, fields, where);
    return right === null ? null : { left, right };
  }
}

/** pos-id.def: `pattern id` lines; a feature's POS id is the first match (-1 = none). */
export class PosIdGenerator {
  private readonly rules: RewritePattern[] = [];

  /** `text` undefined = the file is absent: MeCab then gives every token POS id 1. */
  constructor(text: string | undefined, file = 'pos-id.def') {
    if (text === undefined) {
      this.rules.push(new RewritePattern('*', '1'));
      return;
    }
    for (const { text: line, line: no } of sourceLines(text)) {
      const col = tokenizeWhite(line, 2);
      if (col.length !== 2) throw new DictionaryFormatError(file, 'expected `pattern id`', 0, { line: no });
      if (!/^[0-9]*$/.test(col[1]!)) throw new DictionaryFormatError(file, `not a number: ${col[1]}`, 0, { line: no });
      this.rules.push(new RewritePattern(col[0]!, col[1]!));
    }
  }

  id(fields: string[], where: () => string): number {
    const s = applyRules(this.rules, fields, where);
    return s === null ? -1 : atoi(s);
  }
}

/** C atoi: leading whitespace, optional sign, digits; anything else stops (0 if none). */
export function atoi(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?[0-9]+)/.exec(s);
  return m ? Number(m[1]) | 0 : 0;
}
