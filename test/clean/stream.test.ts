// The streaming API: async and sync iterables in, cleaned documents out in order, object fields
// kept, the report complete after consumption, and a typed error for documents without text.

import { describe, expect, it } from 'vitest';
import { clean, cleanLines, CleanInputError, MemoryDedupSet } from '../../src/clean/index.js';

async function* gen<T>(xs: T[]): AsyncGenerator<T> {
  for (const x of xs) yield x;
}
async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('clean()', () => {
  it('streams strings from an async iterable and fills the report', async () => {
    const run = clean(gen(['첫 문서입니다 ㅋㅋㅋㅋ', '굿', '첫 문서입니다 ㅋㅋㅋ', '둘째<br>문서입니다']));
    expect(await collect(run)).toEqual(['첫 문서입니다 ㅋㅋㅋ', '둘째\n문서입니다']);
    expect(run.report.documentsIn).toBe(4);
    expect(run.report.steps.dedup.dropped).toBe(1);
    expect(run.report.steps.short.dropped).toBe(1);
  });

  it('cleans the text field of objects and keeps the other fields in order', async () => {
    const docs = [{ id: 'a', body: '전화 010-1234-5678 주세요', n: 1 }, { id: 'b', body: '', n: 2 }];
    const out = await collect(clean(docs, { textField: 'body' }));
    expect(out).toEqual([{ id: 'a', body: '전화 <|tel|> 주세요', n: 1 }]);
    expect(Object.keys(out[0] as object)).toEqual(['id', 'body', 'n']);
    expect(docs[0]?.body).toBe('전화 010-1234-5678 주세요'); // inputs are not mutated
  });

  it('throws CleanInputError naming the document without a text field', async () => {
    const run = clean([{ text: '좋은 문서입니다' }, { title: '없음' }] as Record<string, unknown>[]);
    await expect(collect(run)).rejects.toThrow(CleanInputError);
    await expect(collect(clean([{ text: 3 }] as Record<string, unknown>[]))).rejects.toThrow(/<stream>:1: document has no string field 'text'/);
  });

  it('shares a dedup set across streams when given one', async () => {
    const set = new MemoryDedupSet();
    await collect(clean(['공유되는 문서입니다'], { dedupSet: set }));
    expect(await collect(clean(['공유되는 문서입니다', '새로운 문서입니다'], { dedupSet: set }))).toEqual(['새로운 문서입니다']);
    expect(set.size).toBe(2);
  });
});

describe('cleanLines()', () => {
  it('keeps one document per line: breaks made inside become spaces', async () => {
    expect(await collect(cleanLines(['첫째 줄<br>이어짐', '둘째 줄입니다']))).toEqual(['첫째 줄 이어짐', '둘째 줄입니다']);
    expect(await collect(cleanLines(['첫째 줄<br>이어짐'], { lineBreaks: 'keep' }))).toEqual(['첫째 줄\n이어짐']);
  });
});
