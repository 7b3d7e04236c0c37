// Strict checks of the options a caller passes: every key must be one we know and every value of
// the right type and range, or InvalidOptionError names the option and what it accepts (a typo such
// as `{ offsets: 'bytes' }` or `{ addSpecialTokens: 'no' }` must not silently mean the default).
// Kept allocation-free for the common case (a few keys): encode calls this on every call.

import { InvalidOptionError } from '../config/errors.js';

type Check = (v: unknown, name: string) => void;

const describe = (v: unknown): string => {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return `${typeof v} ${String(v)}`;
  return typeof v === 'object' ? 'an object' : typeof v;
};

const bool: Check = (v, name) => {
  if (typeof v !== 'boolean') throw new InvalidOptionError(name, `expected true or false, found ${describe(v)}`);
};

const oneOf =
  (allowed: readonly string[]): Check =>
  (v, name) => {
    if (typeof v !== 'string' || !allowed.includes(v)) throw new InvalidOptionError(name, `expected one of ${allowed.map((a) => `'${a}'`).join(', ')}, found ${describe(v)}`);
  };

const uint: Check = (v, name) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new InvalidOptionError(name, `expected a non-negative integer, found ${describe(v)}`);
};

const posInt: Check = (v, name) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new InvalidOptionError(name, `expected a positive integer, found ${describe(v)}`);
};

const str: Check = (v, name) => {
  if (typeof v !== 'string') throw new InvalidOptionError(name, `expected a string, found ${describe(v)}`);
};

const optional =
  (c: Check): Check =>
  (v, name) => {
    if (v !== undefined) c(v, name);
  };

/** Checks that `o` is a plain options object whose keys are in `spec` and whose values pass. */
export function checkObject(o: unknown, name: string, spec: Readonly<Record<string, Check>>): void {
  if (o === undefined) return;
  if (o === null || typeof o !== 'object' || Array.isArray(o)) throw new InvalidOptionError(name, `expected an options object, found ${describe(o)}`);
  for (const k in o) {
    const c = spec[k];
    if (c === undefined) {
      throw new InvalidOptionError(`${name}.${k}`, 'is not an option', `the options are ${Object.keys(spec).join(', ')}`);
    }
    c((o as Record<string, unknown>)[k], name === 'options' ? k : `${name}.${k}`);
  }
}

const DIRECTIONS = ['left', 'right'] as const;

export const TRUNCATION_SPEC: Record<string, Check> = {
  maxLength: uint,
  stride: optional(uint),
  direction: optional(oneOf(DIRECTIONS)),
  strategy: optional(oneOf(['longest_first', 'only_first', 'only_second'])),
};

export const PADDING_SPEC: Record<string, Check> = {
  length: optional(uint),
  padToMultipleOf: optional(posInt),
  padId: optional(uint),
  padTypeId: optional(uint),
  padToken: optional(str),
  direction: optional(oneOf(DIRECTIONS)),
};

/** null/false = none; else an object of the spec (maxLength required for truncation). */
const settings =
  (spec: Record<string, Check>, required: string | null): Check =>
  (v, name) => {
    if (v === undefined || v === null || v === false) return;
    checkObject(v, name, spec);
    if (required && (v as Record<string, unknown>)[required] === undefined) throw new InvalidOptionError(`${name}.${required}`, 'is required');
  };

const disallowed: Check = (v, name) => {
  if (v === undefined || v === 'all' || v === 'none') return;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return;
  throw new InvalidOptionError(name, `expected 'all', 'none' or an array of token strings, found ${describe(v)}`);
};

export const ENCODE_SPEC: Record<string, Check> = {
  addSpecialTokens: optional(bool),
  offsets: optional(oneOf(['utf16', 'codepoint', 'byte'])),
  pair: (v, name) => {
    if (v !== undefined && v !== null) checkText(v, name);
  },
  truncation: settings(TRUNCATION_SPEC, 'maxLength'),
  padding: settings(PADDING_SPEC, null),
  splitSpecialTokens: optional(bool),
  disallowedSpecial: disallowed,
  morphemes: (v, name) => {
    if (v !== undefined && v !== null && typeof (v as { walk?: unknown }).walk !== 'function')
      throw new InvalidOptionError(name, `expected an Analyzer (an object with walk()), found ${describe(v)}`);
  },
};

export const DECODE_SPEC: Record<string, Check> = {
  skipSpecialTokens: optional(bool),
  strict: optional(bool),
};

/** A text argument: a string, else InvalidOptionError saying what was passed. */
export function checkText(v: unknown, name = 'text'): asserts v is string {
  if (typeof v !== 'string') throw new InvalidOptionError(name, `expected a string, found ${describe(v)}`, 'pass the text as a string (String(x) for other values)');
}

export function checkEncodeOptions(o: unknown): void {
  checkObject(o, 'options', ENCODE_SPEC);
}

export function checkDecodeOptions(o: unknown): void {
  checkObject(o, 'options', DECODE_SPEC);
}

/** Truncation / padding given to setTruncation / setPadding (null = off). */
export function checkTruncationSettings(t: unknown): void {
  if (t === null) return;
  settings(TRUNCATION_SPEC, 'maxLength')(t, 'truncation');
}

export function checkPaddingSettings(p: unknown): void {
  if (p === null) return;
  settings(PADDING_SPEC, null)(p, 'padding');
}
