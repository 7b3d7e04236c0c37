// train.ts frees the count table before the merge phase (src/train/release.ts): the buffers must
// be detached — their memory gone, not merely unreferenced — and the table left empty and usable.
import { describe, expect, it } from 'vitest';
import { ByteCountTable } from '../../src/train/counts/byte-table.js';
import { releaseBuffers } from '../../src/train/release.js';

describe('releasing a count table', () => {
  it('detaches every buffer the table held and leaves an empty table', async () => {
    const t = new ByteCountTable('utf8');
    for (let i = 0; i < 5000; i++) t.add(`단어${i}`, i + 1);
    const state = t.toState();
    const views = [state.ref, state.len, state.count, state.hash, state.slots, ...state.pages];
    const bufs = t.takeBuffers();
    expect(bufs.length).toBe(new Set(views.map((v) => v.buffer)).size);
    expect(t.size).toBe(0);
    await releaseBuffers(bufs);
    for (const v of views) expect(v.byteLength).toBe(0);
    t.add('다시', 2);
    expect([...t.entries()]).toEqual([['다시', 2]]);
  });

  it('a buffer that cannot move (already detached) is left alone, not thrown', async () => {
    const a = new ArrayBuffer(16);
    await releaseBuffers([a]);
    await expect(releaseBuffers([a])).resolves.toBeUndefined();
  });
});
