// The options of the cleaning pipeline, their defaults, and their validation. Every step is on by
// default and can be switched off alone; nothing here touches text.
// Not handled here: reading files or choosing a file-backed dedup set (see src/clean/node/).

import { CleanOptionsError } from './errors.js';
import type { DedupSet } from './dedup.js';

/** The steps, in the order they run on each document. */
export const STEP_NAMES = ['html', 'whitespace', 'repeat', 'pii', 'fragment', 'short', 'dedup'] as const;
export type StepName = (typeof STEP_NAMES)[number];

/** The kinds of personal data the `pii` step masks. */
export const PII_KINDS = ['tel', 'rrn', 'acc', 'card', 'email'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

/**
 * Replacement tokens. `tel`, `rrn` and `acc` are the special tokens the Polyglot-Ko vocabulary
 * reserves; `card` and `email` have no Polyglot-Ko token, so add them as special tokens when training.
 */
export const DEFAULT_PII_TOKENS: Readonly<Record<PiiKind, string>> = {
  tel: '<|tel|>',
  rrn: '<|rrn|>',
  acc: '<|acc|>',
  card: '<|card|>',
  email: '<|email|>',
};

export interface CleanOptions {
  /**
   * Steps to run. Default: all of `html, whitespace, repeat, pii, fragment, short, dedup`.
   * Pass a record to switch single steps off, e.g. `{ dedup: false }`; steps not named stay on.
   */
  steps?: Partial<Record<StepName, boolean>>;
  /** PII kinds to mask in the `pii` step. Default: all of `tel, rrn, acc, card, email`. */
  pii?: Partial<Record<PiiKind, boolean>>;
  /** Replacement token per PII kind. Default: {@link DEFAULT_PII_TOKENS}. */
  piiTokens?: Partial<Record<PiiKind, string>>;
  /**
   * `repeat` step: a character repeated more than this many times in a row is cut to this many
   * (ㅋㅋㅋㅋㅋ → ㅋㅋㅋ). Digits and whitespace are never cut. Default: 3. Minimum: 1.
   */
  maxRepeat?: number;
  /**
   * `short` step: documents with fewer than this many non-whitespace characters (code points)
   * after cleaning are dropped. Empty documents are always dropped while the step is on. Default: 5.
   */
  minChars?: number;
  /**
   * `fragment` step: a document is dropped when more than this share of its non-whitespace
   * characters are markup/code symbols (`{ } < > = \ | & # $ % \` + @ /`). Default: 0.5
   * ("mostly symbols"). The step also drops markup that has not settled after 8 rounds of the
   * `html` step (nested on purpose), which keeps cleaning linear in time and idempotent.
   */
  maxSymbolRatio?: number;
  /**
   * `whitespace` step: the most blank lines kept in a row between paragraphs. Default: 1
   * (paragraph breaks survive, runs of blank lines shrink to one).
   */
  maxBlankLines?: number;
  /**
   * What becomes of line breaks inside a document. `'keep'` (default) keeps them: a document is a
   * whole text. `'space'` turns each into one space: for one-document-per-line text files, where a
   * `<br>` turned into a line break would otherwise split the document.
   */
  lineBreaks?: 'keep' | 'space';
  /**
   * The set that remembers documents already seen, for `dedup`. Default: a new in-memory set
   * (16-byte hash per document). Use `FileDedupSet` from `mbbpe/node` for corpora larger than memory.
   */
  dedupSet?: DedupSet;
}

export interface ResolvedCleanOptions {
  steps: Record<StepName, boolean>;
  pii: Record<PiiKind, boolean>;
  piiTokens: Record<PiiKind, string>;
  maxRepeat: number;
  minChars: number;
  maxSymbolRatio: number;
  maxBlankLines: number;
  lineBreaks: 'keep' | 'space';
  dedupSet: DedupSet | undefined;
}

function integerOption(name: string, value: number | undefined, dflt: number, min: number): number {
  if (value === undefined) return dflt;
  if (!Number.isInteger(value) || value < min) {
    throw new CleanOptionsError(name, `expected an integer >= ${min}, got ${String(value)}`, `set ${name} to a whole number of at least ${min}`);
  }
  return value;
}

function checkToken(kind: PiiKind, token: string): string {
  // A token must survive the other steps unchanged and must not look like PII itself, or cleaning
  // would stop being idempotent (a digit in a token next to a number could form a new match).
  if (token.length === 0 || /[\s0-9@&]/u.test(token) || /<[A-Za-z!/?]/u.test(token)) {
    throw new CleanOptionsError(
      `piiTokens.${kind}`,
      `token ${JSON.stringify(token)} is empty or contains whitespace, a digit, '@', '&' or a tag opening`,
      'use a token like <|tel|>',
    );
  }
  return token;
}

/** `undefined` keeps the default: `{ dedup: undefined }` must not switch dedup off. */
function flag(name: string, value: boolean | undefined, dflt: boolean): boolean {
  if (value === undefined) return dflt;
  if (typeof value !== 'boolean') throw new CleanOptionsError(name, `expected true or false, got ${String(value)}`, `set ${name} to a boolean`);
  return value;
}

function unknownKeys(name: string, given: object, known: readonly string[]): void {
  for (const k of Object.keys(given)) {
    if (!known.includes(k)) {
      throw new CleanOptionsError(`${name}.${k}`, 'unknown key', `known keys: ${known.join(', ')}`);
    }
  }
}

export function resolveCleanOptions(o: CleanOptions = {}): ResolvedCleanOptions {
  const steps = Object.fromEntries(STEP_NAMES.map((s) => [s, true])) as Record<StepName, boolean>;
  if (o.steps) {
    unknownKeys('steps', o.steps, STEP_NAMES);
    for (const k of STEP_NAMES) steps[k] = flag(`steps.${k}`, o.steps[k], true);
  }
  const pii = Object.fromEntries(PII_KINDS.map((k) => [k, true])) as Record<PiiKind, boolean>;
  if (o.pii) {
    unknownKeys('pii', o.pii, PII_KINDS);
    for (const k of PII_KINDS) pii[k] = flag(`pii.${k}`, o.pii[k], true);
  }
  const piiTokens = { ...DEFAULT_PII_TOKENS };
  if (o.piiTokens) {
    unknownKeys('piiTokens', o.piiTokens, PII_KINDS);
    for (const k of PII_KINDS) piiTokens[k] = checkToken(k, o.piiTokens[k] ?? piiTokens[k]);
  }
  const ratio = o.maxSymbolRatio ?? 0.5;
  if (!(ratio >= 0 && ratio <= 1)) {
    throw new CleanOptionsError('maxSymbolRatio', `expected a number in [0, 1], got ${String(ratio)}`, 'use e.g. 0.5');
  }
  const lineBreaks = o.lineBreaks ?? 'keep';
  if (lineBreaks !== 'keep' && lineBreaks !== 'space') {
    throw new CleanOptionsError('lineBreaks', `expected 'keep' or 'space', got ${String(lineBreaks)}`, "use 'keep' for JSONL, 'space' for one document per line");
  }
  return {
    steps,
    pii,
    piiTokens,
    maxRepeat: integerOption('maxRepeat', o.maxRepeat, 3, 1),
    minChars: integerOption('minChars', o.minChars, 5, 0),
    maxSymbolRatio: ratio,
    maxBlankLines: integerOption('maxBlankLines', o.maxBlankLines, 1, 0),
    lineBreaks,
    dedupSet: o.dedupSet,
  };
}
