// One side of the trainer benchmark, run in its own process so peak RSS is its own:
//   node bench/train-child.mjs ours|hf FILE THREADS DIST
// Prints one JSON line: wall/CPU seconds per phase and peak RSS. `ours` is `train()` (worker
// threads for counting; countPeakMB is the peak RSS when the merge phase starts); `hf` is tokenizers' Tokenizer.train([FILE]) (BpeTrainer
// defaults, its own threads via RAYON_NUM_THREADS), which cannot report phases apart.

import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [side, file, threadsArg, dist] = process.argv.slice(2);
const threads = Number(threadsArg);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const now = () => performance.now() / 1000;
const peakMB = () => process.resourceUsage().maxRSS / 1024;

if (side === 'hf') {
  const require = createRequire(import.meta.url);
  const { Tokenizer } = require('tokenizers');
  const json = JSON.stringify({
    version: '1.0', truncation: null, padding: null, added_tokens: [], normalizer: null,
    pre_tokenizer: { type: 'Sequence', pretokenizers: [
      { type: 'Split', pattern: { String: '\u0CF1' }, behavior: 'Removed', invert: false },
      { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true }] },
    post_processor: null, decoder: null,
    model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: null, end_of_word_suffix: null, fuse_unk: false, byte_fallback: false, ignore_merges: false, vocab: {}, merges: [] },
  });
  const t = Tokenizer.fromString(json);
  const w0 = now(), c0 = cpu();
  t.train([file]);
  const wall = now() - w0, cpuS = cpu() - c0;
  const size = t.getVocabSize(true);
  process.stdout.write(JSON.stringify({ side, totalWall: wall, totalCpu: cpuS, peakMB: peakMB(), vocab: size }) + '\n');
} else {
  // The whole product path, train(): counting, the count table freed, the merge phase, the
  // tokenizer.json written. The first merge-progress event marks the end of counting.
  const lib = await import(pathToFileURL(resolve(dist, 'node.js')).href);
  const dir = mkdtempSync(join(tmpdir(), 'mbbpe-bench-train-'));
  const w0 = now(), c0 = cpu();
  let w1 = 0, c1 = 0, countPeakMB = 0;
  const onProgress = (p) => {
    if (p.phase === 'merge' && w1 === 0) {
      w1 = now();
      c1 = cpu();
      countPeakMB = peakMB();
    }
  };
  let r;
  try {
    r = await lib.train({ input: [file], output: join(dir, 'tokenizer.json'), preset: 'hf-defaults', segment: 'none', threads, onProgress });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const w2 = now(), c2 = cpu();
  process.stdout.write(
    JSON.stringify({
      side, countWall: w1 - w0, countCpu: c1 - c0, countPeakMB, mergeWall: w2 - w1, mergeCpu: c2 - c1,
      totalWall: w2 - w0, totalCpu: c2 - c0, peakMB: peakMB(), vocab: r.ids, words: r.words,
    }) + '\n',
  );
}
