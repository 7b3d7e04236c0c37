import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCodePoints, MapCountTable } from '../../src/train/counts/table.js';

const byCodePoints = (a: string, b: string): number => {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
};

describe('count table seam', () => {
  it('compareCodePoints orders like code points (= UTF-8 bytes) on well-formed strings', () => {
    const ch = fc.oneof(fc.constantFrom('a', '\uD7FF', '\uE000', '\uFFFF', '\u{10000}', '\u{10FFFF}', '가'), fc.string({ unit: 'grapheme', maxLength: 1 }));
    const str = fc.array(ch, { maxLength: 6 }).map((a) => a.join(''));
    fc.assert(fc.property(str, str, (a, b) => Math.sign(compareCodePoints(a, b)) === Math.sign(byCodePoints(a, b))), { numRuns: 5000 });
  });

  it('MapCountTable adds, merges and walks sorted', () => {
    const t = new MapCountTable();
    t.add('b');
    t.add('\u{10000}', 2);
    t.add('\uFFFF');
    t.add('b', 4);
    const u = new MapCountTable();
    u.add('a', 3);
    u.add('b');
    t.merge(u);
    expect(t.size).toBe(4);
    expect(t.get('b')).toBe(6);
    expect(t.get('zz')).toBe(0);
    expect([...t.sortedEntries()]).toEqual([['a', 3], ['b', 6], ['\uFFFF', 1], ['\u{10000}', 2]]);
  });
});
