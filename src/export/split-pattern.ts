// Builds tiktoken's split pattern (`pat_str`) from a tokenizer.json pre-tokenizer: ByteLevel alone, or
// Split(one character, Removed) stages followed by ByteLevel. Anything else is refused, not approximated.
// The pattern is written to mean the same in tiktoken (Rust fancy-regex), JS RegExp with the `u` flag
// and Python `regex`; it does not paper over Unicode-version differences in \p{L} / \p{N}.

import { TiktokenExportError } from './errors.js';

// Design notes
// - The reference's ByteLevel regex is GPT-2's: 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
//   `\s` is spelled out as Unicode White_Space (what Oniguruma and Rust mean by it): JS's `\s` also
//   matches U+FEFF and misses U+0085, so the literal list keeps the three engines in agreement.
// - A Split(c, Removed) before ByteLevel cuts the text at c and drops c; each side is then matched on its
//   own. tiktoken drops text its pattern does not match, so removing c = excluding c from every class.
//   The one place where "end of piece" matters is the lookahead of `\s+(?!\S)`: at a cut, the piece
//   ends, so the lookahead must also accept c — hence `(?![^WS c])`.
// - Removed characters are limited to non-ASCII non-space characters and ASCII letters/digits outside
//   the contractions, so they never need escaping (escape rules differ between the three engines).

/** Unicode White_Space, as literal characters and the escapes every engine reads alike. */
const WS = '\\t\\n\\x0B\\f\\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000';
const WS_CHARS = /[\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/u;
const CONTRACTION_CHARS = "'strvmld";

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function refuse(path: string, detail: string): never {
  throw new TiktokenExportError(
    'pre-tokenizer',
    path,
    detail,
    'tiktoken can only express ByteLevel(use_regex, no prefix space), optionally after Split(<one character>, "Removed") stages',
  );
}

/** The character a Split stage removes, after checking it can be expressed. */
function removedChar(split: Obj, path: string): string {
  const pattern = split.pattern;
  if (!isObj(pattern) || typeof pattern.String !== 'string') {
    refuse(`${path}.pattern`, 'only a literal {"String": …} split pattern can be expressed, not a regex');
  }
  const c = pattern.String as string;
  if ([...c].length !== 1) refuse(`${path}.pattern.String`, `split string ${JSON.stringify(c)} is not one character`);
  if (split.behavior !== 'Removed') refuse(`${path}.behavior`, `split behavior ${JSON.stringify(split.behavior)} is not "Removed"`);
  if (split.invert === true) refuse(`${path}.invert`, 'an inverted split cannot be expressed');
  const code = c.codePointAt(0)!;
  const asciiAlnum = /^[A-Za-z0-9]$/.test(c);
  if (WS_CHARS.test(c) || (code < 0x80 && !asciiAlnum) || CONTRACTION_CHARS.includes(c)) {
    refuse(`${path}.pattern.String`, `removing ${JSON.stringify(c)} cannot be expressed (whitespace, ASCII punctuation or a contraction letter)`);
  }
  return c;
}

function checkByteLevel(bl: Obj, path: string): boolean {
  if (bl.add_prefix_space === true) refuse(`${path}.add_prefix_space`, 'tiktoken cannot add a prefix space');
  return bl.use_regex !== false; // the reference's default is true
}

/** GPT-2's split regex with the characters in `removed` excluded everywhere. */
export function byteLevelPattern(removed: string, useRegex: boolean): string {
  if (!useRegex) return removed ? `[^${removed}]+` : '[\\s\\S]+';
  const letter = removed ? `[^\\P{L}${removed}]` : '\\p{L}';
  const number = removed ? `[^\\P{N}${removed}]` : '\\p{N}';
  return [
    "'s|'t|'re|'ve|'m|'ll|'d",
    ` ?${letter}+`,
    ` ?${number}+`,
    ` ?[^${WS}\\p{L}\\p{N}${removed}]+`,
    `[${WS}]+(?![^${WS}${removed}])`,
    `[${WS}]+`,
  ].join('|');
}

/** tiktoken's `pat_str` for a tokenizer.json `pre_tokenizer` value (`$.pre_tokenizer`). */
export function splitPatternFor(preTokenizer: unknown): string {
  const path = '$.pre_tokenizer';
  if (!isObj(preTokenizer)) refuse(path, 'there is no pre-tokenizer, so the whole text would be one BPE word');
  if (preTokenizer.type === 'ByteLevel') return byteLevelPattern('', checkByteLevel(preTokenizer, path));
  if (preTokenizer.type !== 'Sequence' || !Array.isArray(preTokenizer.pretokenizers)) {
    refuse(`${path}.type`, `pre-tokenizer ${JSON.stringify(preTokenizer.type)} is not ByteLevel or a Sequence`);
  }
  const stages = preTokenizer.pretokenizers as unknown[];
  let removed = '';
  for (let i = 0; i < stages.length; i++) {
    const stage = stages[i];
    const p = `${path}.pretokenizers[${i}]`;
    if (!isObj(stage)) refuse(p, 'not an object');
    const last = i === stages.length - 1;
    if (last && stage.type === 'ByteLevel') return byteLevelPattern(removed, checkByteLevel(stage, p));
    if (stage.type !== 'Split') refuse(`${p}.type`, `${JSON.stringify(stage.type)} where Split or a final ByteLevel is expected`);
    const c = removedChar(stage, p);
    if (!removed.includes(c)) removed += c;
  }
  refuse(path, 'the sequence does not end with ByteLevel');
}
