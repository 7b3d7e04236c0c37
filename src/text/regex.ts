// Translates the Oniguruma patterns found in tokenizer.json (Ruby syntax, Unicode semantics) to
// JavaScript RegExps with the same matches, and finds matches the way the reference iterates them.
// Handles what the byte-level BPE family uses: \s \S \d \D \w \W \h \H, \p{..}, (?i:..) on literals,
// possessive quantifiers, `.`, ^ $ \A \z \Z, \x{..}. Back-references and callouts are rejected.

import { TokenizerConfigError } from '../config/errors.js';
import { onigClassBody } from './unicode-classes.js';

// Oniguruma's \s \d \w follow its own Unicode tables (\s has U+0085 but not U+FEFF — the opposite
// of JS), so they come from the probed tables in unicode-classes.ts; \h is an ASCII hex digit.
const CLASS_BODY: Record<string, string | null> = { s: null, d: null, w: null, h: '0-9a-fA-F' };

function caseless(ch: string): string {
  const lo = ch.toLowerCase();
  const up = ch.toUpperCase();
  if (lo === up || [...lo].length !== 1 || [...up].length !== 1) return escapeLiteral(ch);
  return `[${escapeLiteral(lo)}${escapeLiteral(up)}]`;
}

/** Escapes a string for literal use inside a JS `u` RegExp. */
export function escapeLiteral(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/** Translates one Oniguruma pattern; throws TokenizerConfigError (at `path`) when it cannot. */
export function translateOniguruma(pattern: string, path: string): string {
  const fail = (why: string): never => {
    throw new TokenizerConfigError(path, `cannot translate regex ${JSON.stringify(pattern)}: ${why}`, 'simplify the pattern or open an issue with it');
  };
  let out = '';
  let inClass = 0;
  // Stack of groups; `ci` marks an (?i:…) group whose literal letters match both cases.
  const groups: Array<{ ci: boolean; start: number }> = [];
  let ci = false;
  let i = 0;
  const cps = [...pattern];
  let lastAtomStart = 0;
  while (i < cps.length) {
    const c = cps[i]!;
    if (c === '\\') {
      const n = cps[i + 1];
      if (n === undefined) fail('trailing backslash');
      i += 2;
      const start = out.length;
      const lower = n!.toLowerCase();
      if (lower in CLASS_BODY && (n === lower || n === 'S' || n === 'D' || n === 'W' || n === 'H')) {
        const neg = n !== lower;
        const b = lower === 'h' ? (neg ? null : CLASS_BODY.h!) : onigClassBody(lower, neg && inClass > 0, inClass > 0);
        if (b === null) fail(`\\${n}`);
        if (inClass) out += b;
        else out += neg && lower !== 'h' ? `[^${onigClassBody(lower, false)}]` : neg ? `[^${b}]` : `[${b}]`;
      } else if (n === 'p' || n === 'P') {
        if (cps[i] !== '{') fail('\\p without braces');
        let j = i;
        while (j < cps.length && cps[j] !== '}') j++;
        let name = cps.slice(i + 1, j).join('');
        let neg = n === 'P';
        if (name.startsWith('^')) {
          neg = !neg;
          name = name.slice(1);
        }
        // The reference's own table when we have one; else V8's (a newer Unicode version).
        const table = onigClassBody(name, neg && inClass > 0, inClass > 0);
        if (table === null) out += `\\${neg ? 'P' : 'p'}{${name}}`;
        else if (inClass) out += table;
        else out += neg ? `[^${onigClassBody(name, false)}]` : `[${table}]`;
        i = j + 1;
      } else if (n === 'x' && cps[i] === '{') {
        let j = i;
        while (j < cps.length && cps[j] !== '}') j++;
        out += `\\u{${cps.slice(i + 1, j).join('')}}`;
        i = j + 1;
      } else if (n === 'A') out += '(?<![\\s\\S])';
      else if (n === 'z') out += '(?![\\s\\S])';
      else if (n === 'Z') out += '(?=\\n?(?![\\s\\S]))';
      else if (/[1-9k]/.test(n!)) fail('back-references are not supported');
      else if (/[a-zA-Z]/.test(n!) && !'tnrfvebBx0u'.includes(n!)) fail(`unknown escape \\${n}`);
      else out += `\\${n}`;
      if (!inClass) lastAtomStart = start;
      continue;
    }
    if (inClass) {
      if (c === '[') {
        // Nested classes (Oniguruma) become JS `v`-less unions only in the simple case.
        fail('nested character classes');
      }
      if (c === ']') inClass = 0;
      out += c;
      i++;
      continue;
    }
    if (c === '[') {
      lastAtomStart = out.length;
      inClass = 1;
      out += '[';
      i++;
      if (cps[i] === '^') {
        out += '^';
        i++;
      }
      if (cps[i] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(') {
      if (cps[i + 1] === '?') {
        const rest = cps.slice(i + 2, i + 5).join('');
        if (rest.startsWith('i:')) {
          groups.push({ ci, start: out.length });
          ci = true;
          out += '(?:';
          i += 4;
          continue;
        }
        if (rest.startsWith(':') || rest.startsWith('=') || rest.startsWith('!') || rest.startsWith('<=') || rest.startsWith('<!')) {
          groups.push({ ci, start: out.length });
          out += '(?';
          i += 2;
          continue;
        }
        if (rest.startsWith('>')) {
          // Atomic group: emulate with a lookahead capture and a back-reference.
          fail('atomic groups');
        }
        fail(`group syntax (?${rest}`);
      }
      groups.push({ ci, start: out.length });
      out += '(?:'; // capture groups are never read; non-capturing keeps numbering free
      i++;
      continue;
    }
    if (c === ')') {
      const g = groups.pop();
      if (!g) fail('unbalanced )');
      ci = g!.ci;
      lastAtomStart = g!.start;
      out += ')';
      i++;
      continue;
    }
    if (c === '.') {
      lastAtomStart = out.length;
      out += '[^\\n]';
      i++;
      continue;
    }
    if (c === '^') {
      out += '(?<![^\\n])';
      i++;
      continue;
    }
    if (c === '$') {
      out += '(?![^\\n])';
      i++;
      continue;
    }
    if ('*+?{'.includes(c)) {
      // A quantifier, possibly lazy (`?`) or possessive (`+`).
      let q = c;
      i++;
      if (c === '{') {
        while (i < cps.length && cps[i] !== '}') q += cps[i++];
        q += '}';
        i++;
      }
      if (cps[i] === '+' && c === '{') {
        // Ruby syntax: `{n,m}+` is not possessive but a repetition of the interval: (?:X{n,m})+.
        const atom = out.slice(lastAtomStart) + q;
        out = out.slice(0, lastAtomStart) + `(?:${atom})`;
        continue; // the '+' is copied as a plain quantifier on the next turn
      }
      if (cps[i] === '+') {
        // Possessive X*+ behaves like the atomic (?>X*): emulate it with a lookahead capture and a
        // back-reference, which JS supports (a lookahead never backtracks into its match).
        const atom = out.slice(lastAtomStart) + q;
        const name = `p${out.length}`;
        out = out.slice(0, lastAtomStart) + `(?=(?<${name}>${atom}))\\k<${name}>`;
        i++;
        continue;
      }
      out += q;
      if (cps[i] === '?') {
        out += '?';
        i++;
      }
      continue;
    }
    lastAtomStart = out.length;
    out += ci && /\p{L}/u.test(c) ? caseless(c) : c;
    i++;
  }
  if (inClass) fail('unterminated character class');
  if (groups.length) fail('unbalanced (');
  return out;
}

/** Compiles a translated pattern; a pattern V8 rejects becomes a TokenizerConfigError. */
export function compileOniguruma(pattern: string, path: string): RegExp {
  const src = translateOniguruma(pattern, path);
  try {
    return new RegExp(src, 'gu');
  } catch (e) {
    throw new TokenizerConfigError(path, `regex ${JSON.stringify(pattern)} does not compile (${(e as Error).message})`, 'check the pattern');
  }
}

/** A match list covering the whole string: [start, end, isMatch] in code units, in order. */
export type Matches = Array<[number, number, boolean]>;

/**
 * All matches of `re` (a global, unicode RegExp) in `s`, as contiguous segments covering `s` —
 * the reference's `find_matches`. An empty match right where the previous match ended is skipped
 * (Oniguruma's iterator rule), unlike JS's matchAll.
 */
export function findMatches(re: RegExp, s: string): Matches {
  const out: Matches = [];
  if (s.length === 0) {
    out.push([0, 0, false]);
    return out;
  }
  let prev = 0;
  let pos = 0;
  let lastEnd = -1;
  while (pos <= s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (m === null) break;
    const st = m.index;
    const en = st + m[0].length;
    if (st === en && lastEnd === en) {
      const c = s.charCodeAt(pos);
      pos += c >= 0xd800 && c <= 0xdbff && pos + 1 < s.length ? 2 : 1;
      continue;
    }
    if (prev !== st) out.push([prev, st, false]);
    out.push([st, en, true]);
    prev = en;
    lastEnd = en;
    pos = en;
  }
  if (prev !== s.length) out.push([prev, s.length, false]);
  return out;
}

/** Literal (non-regex) matches of `needle`, same shape as findMatches. */
export function findLiteral(needle: string, s: string): Matches {
  const out: Matches = [];
  if (s.length === 0) {
    out.push([0, 0, false]);
    return out;
  }
  if (needle.length === 0) {
    // The reference compiles an empty literal to an empty regex, which matches at every char.
    return findMatches(/(?:)/gu, s);
  }
  let prev = 0;
  let i = s.indexOf(needle);
  while (i !== -1) {
    if (prev !== i) out.push([prev, i, false]);
    out.push([i, i + needle.length, true]);
    prev = i + needle.length;
    i = s.indexOf(needle, prev);
  }
  if (prev !== s.length) out.push([prev, s.length, false]);
  return out;
}

/** The `pattern` of a Split pre-tokenizer or Replace normalizer (`{ String }` is literal). */
export type PatternJson = { String: string } | { Regex: string };

/** A match finder for such a pattern; a regex that does not compile is reported at `path`. */
export function patternMatcher(pattern: PatternJson, path: string): (s: string) => Matches {
  if ('String' in pattern) {
    const lit = pattern.String;
    return (s) => findLiteral(lit, s);
  }
  const re = compileOniguruma(pattern.Regex, `${path}.pattern.Regex`);
  return (s) => findMatches(re, s);
}
