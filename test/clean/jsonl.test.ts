// findMemberValue against JSON.parse (the reference): for generated objects written with random
// spacing, the span it finds must parse to exactly the member JSON.parse sees.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findMemberValue } from '../../src/clean/jsonl.js';
import { seed } from './fc-seed.js';

/** JSON text of `v` with random whitespace around every token a stringify would emit. */
function spaced(v: unknown, ws: () => string): string {
  if (Array.isArray(v)) return `[${ws()}${v.map((x) => spaced(x, ws)).join(`${ws()},${ws()}`)}${ws()}]`;
  if (v !== null && typeof v === 'object') {
    const parts = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}${ws()}:${ws()}${spaced(x, ws)}`);
    return `{${ws()}${parts.join(`${ws()},${ws()}`)}${ws()}}`;
  }
  return JSON.stringify(v);
}

describe('findMemberValue', () => {
  it('finds the span JSON.parse reads for the member, for generated objects and keys', () => {
    const key = fc.constantFrom('text', 'body', 't', '"q"', '본문', 'te\\xt');
    const obj = fc.dictionary(fc.oneof(key, fc.string({ maxLength: 5 })), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 });
    fc.assert(
      fc.property(obj, key, fc.array(fc.constantFrom('', ' ', '\t', '  '), { minLength: 1, maxLength: 8 }), (o, field, spaces) => {
        let i = 0;
        const line = spaced(o, () => spaces[i++ % spaces.length] as string);
        const parsed = JSON.parse(line) as Record<string, unknown>;
        const span = findMemberValue(line, field);
        if (!Object.prototype.hasOwnProperty.call(parsed, field)) {
          expect(span).toBe(null);
          return;
        }
        expect(span).not.toBe(null);
        expect(JSON.parse(line.slice(span!.start, span!.end))).toEqual(parsed[field]);
      }),
      { seed, numRuns: 500 },
    );
  });

  it('takes the last of repeated keys, as JSON.parse does, and ignores nested members', () => {
    const line = '{"a":{"text":"안"},"text":"첫째","text":"둘째"}';
    const span = findMemberValue(line, 'text');
    expect(line.slice(span!.start, span!.end)).toBe('"둘째"');
    expect(findMemberValue('{"a":{"text":"안"}}', 'text')).toBe(null);
  });
});
