// Guards: 1 MB single-line inputs built to provoke regex backtracking or endless markup rounds
// finish in bounded time, and markup nested beyond use is dropped as a fragment, not looped on.

import { describe, expect, it } from 'vitest';
import { Cleaner } from '../../src/clean/index.js';
import { withCpuMs } from '../support/cpu-time.js';

const M = 1_000_000;
const fill = (unit: string) => unit.repeat(Math.ceil(M / unit.length)).slice(0, M);

describe('1 MB adversarial documents', () => {
  const cases: Record<string, string> = {
    nestedTags: '<'.repeat(M / 3) + 'b>'.repeat(M / 3),
    ampChain: '&amp;' + 'amp;'.repeat(M / 4) + 'lt;b&gt;',
    numAmpChain: '&#38;' + '#38;'.repeat(M / 4) + 'lt;',
    repeat: fill('ㅋ'),
    digits: fill('0'),
    digitGroups: fill('1 '),
    telPieces: fill('010 1234 '),
    ats: fill('a@'),
    domains: fill('a@b.'),
    bold: fill('**a'),
    links: fill('[a]('),
    openTags: fill('<a href="'),
    entities: fill('&a'),
    hyphens: fill('12-'),
    bankWords: fill('계좌 12 '),
    rrnHeads: fill('900101-'),
    headings: fill('# '),
    emoji: fill('😂'),
    prose: fill('한국어 문장입니다. '),
  };
  for (const [name, text] of Object.entries(cases)) {
    it(`${name} finishes in bounded time`, () => {
      // CPU time, not wall time (issue 14, bug 10): machine load cannot fail it. Backtracking or
      // endless rounds cost minutes; a linear pass, a few hundred ms at most.
      const { cpuMs } = withCpuMs(() => new Cleaner().cleanText(text));
      expect(cpuMs, `${cpuMs.toFixed(0)} ms CPU`).toBeLessThan(5_000);
    });
  }

  it('drops markup that does not settle as a fragment, and decodes any depth of escaped &', () => {
    const c = new Cleaner({ steps: { dedup: false } });
    expect(c.cleanText('본문 ' + '<'.repeat(50) + 'b>'.repeat(50)).droppedBy).toBe('fragment');
    expect(c.cleanText('&amp;amp;amp;amp;amp;amp;amp;amp;amp;amp;lt;b&gt;굵게&amp;lt;/b&gt; 쓴 글자').text).toBe('굵게 쓴 글자');
    expect(c.cleanText('&#38;#38;amp;#x26;quot;인용&quot; 문장').text).toBe('"인용" 문장');
  });
});
