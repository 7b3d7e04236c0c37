// Strict options: every key and value of encode / encodeBatch / encodeIds / decode / setTruncation /
// setPadding is checked, and a typo, a wrong type or a value out of range is an InvalidOptionError
// naming the option and what it accepts; text that is not a string and ids that are not
// non-negative integers likewise. Ids that are integers but have no token keep the reference's skip
// rule (compared with the reference).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/config/errors.js';
import { MbbpeError } from '../../src/errors.js';
import { buildPretrained } from '../../src/hub/pretrained.js';
import { Tokenizer } from '../../src/tokenizer.js';
import { sharedFile } from '../support/shared.js';
import { refFromJSON } from './support.js';

const p = sharedFile('vocab/polyglot-ko/tokenizer.json', 'runtime strict options');

/** Calls f and returns the InvalidOptionError it throws (fails the test otherwise). */
function invalid(f: () => unknown): InvalidOptionError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidOptionError);
    expect(e).toBeInstanceOf(MbbpeError);
    return e as InvalidOptionError;
  }
  throw new Error('expected an InvalidOptionError, nothing was thrown');
}

describe.runIf(p)('strict options', () => {
  const json = readFileSync(p!, 'utf8');
  const tok = Tokenizer.fromJSON(json);
  const any = (x: unknown) => x as never;

  it('encode: a typo in a value or key, a wrong type → InvalidOptionError naming the option and the allowed values', () => {
    let e = invalid(() => tok.encode('안녕', any({ offsets: 'bytes' })));
    expect(e.option).toBe('offsets');
    expect(e.message).toContain("'utf16', 'codepoint', 'byte'");
    e = invalid(() => tok.encode('안녕', any({ addSpecialTokens: 'no' })));
    expect(e.option).toBe('addSpecialTokens');
    expect(e.message).toContain('true or false');
    e = invalid(() => tok.encode('안녕', any({ offset: 'byte' })));
    expect(e.option).toBe('options.offset');
    expect(e.message).toContain('offsets');
    e = invalid(() => tok.encode('안녕', any({ truncation: { maxLen: 3 } })));
    expect(e.option).toBe('truncation.maxLen');
    e = invalid(() => tok.encode('안녕', any({ truncation: { maxLength: 3, strategy: 'longest' } })));
    expect(e.message).toContain("'longest_first', 'only_first', 'only_second'");
    e = invalid(() => tok.encode('안녕', any({ padding: { side: 'left' } })));
    expect(e.option).toBe('padding.side');
    e = invalid(() => tok.encode('안녕', any({ padding: { direction: 'Left' } })));
    expect(e.option).toBe('padding.direction');
    invalid(() => tok.encode('안녕', any({ splitSpecialTokens: 1 })));
    invalid(() => tok.encode('안녕', any({ disallowedSpecial: true })));
    invalid(() => tok.encode('안녕', null, any('byte')));
    invalid(() => tok.encodeIds('안녕', any({ offsets: 'bytes' })));
    invalid(() => tok.encodeBatch(['안녕'], any({ addSpecialToken: false })));
  });

  it('text that is not a string → InvalidOptionError saying what was passed', () => {
    for (const bad of [5, null, undefined, ['안녕'], { text: '안녕' }, Symbol.iterator]) {
      const e = invalid(() => tok.encode(any(bad)));
      expect(e.option).toBe('text');
    }
    expect(invalid(() => tok.encode(any(42))).message).toContain('number 42');
    expect(invalid(() => tok.encode('a', any(5))).option).toBe('pair');
    expect(invalid(() => tok.encodeIds(any(7))).option).toBe('text');
    expect(invalid(() => tok.encodeBatch(any('안녕'))).option).toBe('inputs');
    expect(invalid(() => tok.encodeBatch(any([['a']]))).option).toBe('inputs[0]');
    expect(invalid(() => tok.encodeBatch(any(['a', ['b', 3]]))).option).toBe('inputs[1][1]');
  });

  it('setTruncation / setPadding check their settings', () => {
    invalid(() => tok.setTruncation(any({ maxLength: '3' })));
    invalid(() => tok.setTruncation(any({ max_length: 3 })));
    invalid(() => tok.setTruncation(any({})));
    invalid(() => tok.setPadding(any({ padId: -1 })));
    invalid(() => tok.setPadding(any({ padToMultipleOf: 0 })));
    tok.setTruncation(null);
    tok.setPadding(null);
  });

  it('decode: non-integer or negative ids and unknown options throw; integer ids without a token are skipped like the reference', async () => {
    for (const bad of [[-1], [1.5], [NaN], [Infinity], ['5'], [13417, -2]]) {
      const e = invalid(() => tok.decode(any(bad)));
      expect(e.option).toMatch(/^ids\[\d\]$/);
    }
    expect(invalid(() => tok.decode(any([-1, 1.5, NaN, 13417]))).message).toContain('-1');
    invalid(() => tok.decode(any('13417')));
    invalid(() => tok.decode(any(null)));
    expect(invalid(() => tok.decode([13417], any({ skipSpecial: true }))).option).toBe('options.skipSpecial');
    const ref = refFromJSON(json);
    const ids = [13417, 99_999_999, 30_050, 2, 4_000_000_000];
    expect(tok.decode(ids)).toBe(await ref.decode(ids, false));
    expect(tok.decode(Int32Array.from([13417, 2]), { skipSpecialTokens: true })).toBe(await ref.decode([13417, 2], true));
  });

  it('the pretrained wrapper checks its own options too', () => {
    const pre = buildPretrained(json, JSON.stringify({ eos_token: '<|endoftext|>' }), null);
    invalid(() => pre.encode('안녕', any({ maxLength: -3 })));
    invalid(() => pre.encode('안녕', any({ truncation: 'yes' })));
    invalid(() => pre.encode('안녕', any({ offsets: 'bytes' })));
    invalid(() => pre.decode([1], any({ cleanUpTokenizationSpaces: 'no' })));
    invalid(() => pre.decode([1], any({ skip: true })));
    expect(pre.decode([13417], { cleanUpTokenizationSpaces: true })).toBe(tok.decode([13417]));
  });
});
