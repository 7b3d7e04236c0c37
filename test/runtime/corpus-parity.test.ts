// Polyglot-Ko parity on every line of every corpus file, for both reference vocabularies: ids,
// tokens, code-point offsets and decode(ids), compared as per-chunk hashes with the reference's
// output recorded by scripts/golden/runtime-corpus-parity.mjs. A mismatching chunk is re-run live
// against the reference to print the first differing line. MBBPE_LIVE_PARITY=1 compares everything
// live (slow: the reference runs at about 1 MB/s here).

import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Tokenizer } from '../../src/tokenizer.js';
import { repoRoot, sharedFile } from '../support/shared.js';
import { compareBatch, describeMismatches, refFromJSON, REF_VERSION } from './support.js';

interface Golden {
  reference: string;
  chunk: number;
  files: Record<string, { sha256: string; lines: number; chunks: string[] }>;
}

const golden = JSON.parse(readFileSync(join(repoRoot, 'test/runtime/golden/corpus-parity.json'), 'utf8')) as Golden;
const LIVE = Boolean(process.env.MBBPE_LIVE_PARITY);

function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

describe('corpus parity with Hugging Face tokenizers (golden hashes)', () => {
  it('golden was made by the pinned reference', () => {
    expect(golden.reference).toContain(`tokenizers@${REF_VERSION}`);
  });
  it('golden covers every corpus text file in ../shared/corpora, for every vocabulary', () => {
    const root = sharedFile('corpora', 'runtime corpus parity');
    if (!root) return;
    const onDisk = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.txt') && !/LICENSE-NOTE/.test(f))
      .map((f) => `corpora/${f.split(sep).join('/')}`)
      .sort();
    for (const vocab of new Set(Object.keys(golden.files).map((k) => k.split(':')[0]!))) {
      const covered = Object.keys(golden.files)
        .filter((k) => k.startsWith(`${vocab}:`))
        .map((k) => k.slice(vocab.length + 1))
        .sort();
      expect(covered, 'a corpus file was added or removed: rerun scripts/golden/runtime-corpus-parity.mjs').toEqual(onDisk);
    }
  });
  const vocabs = [...new Set(Object.keys(golden.files).map((k) => k.split(':')[0]!))];
  for (const vocab of vocabs) {
    const vpath = sharedFile(`vocab/${vocab}/tokenizer.json`, 'runtime corpus parity');
    if (!vpath) continue;
    const json = readFileSync(vpath, 'utf8');
    const ours = Tokenizer.fromJSON(json);
    for (const [key, g] of Object.entries(golden.files)) {
      if (!key.startsWith(`${vocab}:`)) continue;
      const rel = key.slice(vocab.length + 1);
      it(key, async () => {
        const p = sharedFile(rel, 'runtime corpus parity');
        if (!p) return;
        const buf = readFileSync(p);
        expect(createHash('sha256').update(buf).digest('hex'), `${rel} changed: rerun scripts/golden/runtime-corpus-parity.mjs`).toBe(g.sha256);
        const lines = linesOf(buf.toString('utf8'));
        expect(lines.length).toBe(g.lines);
        const bad: string[] = [];
        for (let c = 0, k = 0; c < lines.length; c += golden.chunk, k++) {
          const part = lines.slice(c, c + golden.chunk);
          await new Promise((r) => setImmediate(r)); // let the test runner's RPC breathe
          const h = createHash('sha256');
          for (const line of part) {
            const e = ours.encode(line, { offsets: 'codepoint' });
            h.update(JSON.stringify([e.ids, e.tokens, e.offsets, ours.decode(e.ids)]) + '\n');
          }
          if (LIVE || h.digest('hex').slice(0, 16) !== g.chunks[k]) {
            const ms = await compareBatch(refFromJSON(json), ours, part);
            if (ms.length || !LIVE) bad.push(`chunk ${k} (lines ${c + 1}..${c + part.length}): ${ms.length} live mismatches\n${describeMismatches(ms)}`);
          }
        }
        expect(bad, bad.join('\n')).toEqual([]);
      }, 600_000);
    }
  }
});
