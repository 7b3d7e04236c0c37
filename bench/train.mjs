// Trainer benchmark: our trainer and Hugging Face's (tokenizers npm, Tokenizer.train with BpeTrainer
// defaults) side by side on the same marker-joined input, each in a fresh process; wall time, CPU
// time, peak RSS. MeCab segmentation (ours, needed by both) is timed apart, once per workload.
//   npm run build && node bench/train.mjs [--workloads nsmc-20,nsmc-60,precedents-20] [--threads N]
//                                         [--segment mecab|none] [--dist DIR]
// Needs ../shared/corpora. Results go to stdout (a table) and bench/out/train.json.

import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { cpus } from 'node:os';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const shared = resolve(repo, '../shared/corpora');
const WORKLOADS = {
  'nsmc-20': ['nsmc/nsmc_raw_reviews.txt', 20e6],
  'nsmc-60': ['nsmc/nsmc_raw_reviews.txt', 60e6],
  'precedents-20': ['korean-precedents/precedents_paragraphs.txt', 20e6],
};
const { values: v } = parseArgs({
  options: {
    workloads: { type: 'string', default: Object.keys(WORKLOADS).join(',') },
    threads: { type: 'string', default: String(Math.min(2, cpus().length)) },
    segment: { type: 'string', default: 'mecab' },
    dist: { type: 'string', default: resolve(repo, 'dist') },
  },
});
if (!existsSync(shared)) {
  process.stderr.write(`SKIP: ${shared} is absent\n`);
  process.exit(0);
}
const out = resolve(here, 'out');
mkdirSync(out, { recursive: true });

/** The first `bytes` of a file, cut at a line end. */
function head(path, bytes) {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(bytes);
  const n = readSync(fd, buf, 0, bytes, 0);
  closeSync(fd);
  const nl = buf.subarray(0, n).lastIndexOf(0x0a);
  return n < bytes || nl < 0 ? buf.subarray(0, n) : buf.subarray(0, nl + 1);
}

async function segmentFile(src, dst) {
  const lib = await import(pathToFileURL(resolve(v.dist, 'node.js')).href);
  const w0 = performance.now();
  const c0 = process.cpuUsage();
  const analyzer = await (lib.NodeAnalyzer ?? lib.Analyzer).load(); // NodeAnalyzer since issue 16
  const lines = readFileSync(src, 'utf8').split('\n');
  const last = lines.pop();
  const joined = lines.map((l) => lib.joinMorphemes(analyzer, l) + '\n');
  if (last) joined.push(lib.joinMorphemes(analyzer, last));
  writeFileSync(dst, joined.join(''));
  const c = process.cpuUsage(c0);
  return { segWall: (performance.now() - w0) / 1000, segCpu: (c.user + c.system) / 1e6 };
}

function child(side, file) {
  const env = { ...process.env, RAYON_NUM_THREADS: v.threads };
  const o = execFileSync(process.execPath, [resolve(here, 'train-child.mjs'), side, file, v.threads, v.dist], { env, maxBuffer: 1 << 20 });
  return JSON.parse(o.toString().trim().split('\n').pop());
}

const rows = [];
for (const name of v.workloads.split(',')) {
  const [rel, bytes] = WORKLOADS[name];
  const raw = resolve(out, `train-${name}.txt`);
  writeFileSync(raw, head(resolve(shared, rel), bytes));
  let input = raw;
  let seg = { segWall: 0, segCpu: 0 };
  if (v.segment === 'mecab') {
    input = resolve(out, `train-${name}.marked.txt`);
    seg = await segmentFile(raw, input);
  }
  const hf = child('hf', input);
  const ours = child('ours', input);
  rows.push({ workload: name, threads: Number(v.threads), segment: v.segment, ...seg, hf, ours });
  const f = (x) => (x === undefined ? '-' : x.toFixed(2));
  process.stdout.write(
    `${name} (${v.threads} threads, segment ${v.segment}; segmentation ${f(seg.segWall)} s wall, ${f(seg.segCpu)} s CPU)\n` +
      `  hf   total: ${f(hf.totalWall)} s wall, ${f(hf.totalCpu)} s CPU, peak RSS ${hf.peakMB.toFixed(0)} MB, vocab ${hf.vocab}\n` +
      `  ours total: ${f(ours.totalWall)} s wall, ${f(ours.totalCpu)} s CPU, peak RSS ${ours.peakMB.toFixed(0)} MB, vocab ${ours.vocab}\n` +
      `       count: ${f(ours.countWall)} s wall, ${f(ours.countCpu)} s CPU; merge: ${f(ours.mergeWall)} s wall, ${f(ours.mergeCpu)} s CPU\n`,
  );
}
writeFileSync(resolve(out, 'train.json'), JSON.stringify(rows, null, 2));
