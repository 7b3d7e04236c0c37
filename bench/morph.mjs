#!/usr/bin/env node
// Benchmark of the pure-TypeScript mecab-ko (`mbbpe segment`) side by side with the native oracle
// (mecab-ko as shipped, and vanilla MeCab) on the same inputs in the same run: MB/s single-threaded
// and with worker threads, dictionary load time, peak RSS; outputs are compared byte for byte.
// CPU seconds (user + sys) are reported beside wall time: on a shared box they are the steadier figure.
// Needs a build (npm run build → dist/, or MBBPE_DIST=dir) and, for the native columns,
// .cache/mecab-oracle (../shared/tools/build-mecab-oracle.sh). Not a test: numbers depend on the box.
//
// usage: node bench/morph.mjs [--mb 8] [--threads 2] [--dist dist]

import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cpus, loadavg } from 'node:os';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: o } = parseArgs({
  options: {
    mb: { type: 'string', default: '8' },
    threads: { type: 'string', default: '2' },
    dist: { type: 'string', default: process.env.MBBPE_DIST ?? 'dist' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (o.help) {
  console.log(`usage: node bench/morph.mjs [--mb 8] [--threads 2] [--dist dist]
  --mb N       first N MB of each corpus (NSMC, precedents), cut at a line end (default 8)
  --threads N  worker threads for the threaded row (default 2)
  --dist DIR   a build holding cli/main.js, node.js and morph-worker.js (default dist, or
               $MBBPE_DIST): npm run build, or a throwaway tsup build of just those three entries
               (src/cli/main.ts, src/node.ts, src/morph/worker.ts) into .cache/
Prints a markdown table (wall s, MB/s, CPU s, MB per CPU-s, peak RSS, output sha256) with the native
oracle (.cache/mecab-oracle) in the same run; writes bench/out/morph.json.`);
  process.exit(0);
}
const dist = resolve(root, o.dist);
const cli = join(dist, 'cli/main.js');
const oracle = join(root, '.cache/mecab-oracle');
const out = join(root, 'bench/out');
mkdirSync(out, { recursive: true });
if (!existsSync(cli)) throw new Error(`no build at ${dist}: run npm run build (or pass --dist)`);

const corpora = [
  ['nsmc', '../shared/corpora/nsmc/nsmc_raw_reviews.txt'],
  ['precedents', '../shared/corpora/korean-precedents/precedents_paragraphs.txt'],
];

/** The first `mb` MB of a corpus, cut at a line end. */
function sample(name, rel) {
  const src = resolve(root, rel);
  const want = Math.round(Number(o.mb) * 1e6);
  const buf = Buffer.alloc(want);
  const fd = openSync(src, 'r');
  const n = readSync(fd, buf, 0, want, 0);
  closeSync(fd);
  const cut = buf.subarray(0, n).lastIndexOf(0x0a) + 1;
  const file = join(out, `${name}-${o.mb}MB.txt`);
  writeFileSync(file, buf.subarray(0, cut));
  return { file, bytes: cut };
}

/** Runs a command with /usr/bin/time; returns wall seconds, peak RSS (MB) and the output's hash. */
function timed(cmd, args, input, outFile) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', 'sh', '-c', `"$0" "$@" < '${input}' > '${outFile}'`, cmd, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  const [wall, user, sys, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { wall, cpu: user + sys, rssMB: kb / 1024, sha: createHash('sha256').update(readFileSync(outFile)).digest('hex').slice(0, 16) };
}

const startLoad = loadavg().map((x) => x.toFixed(1)).join(' ');
const rows = [];
const fmt = (x, d = 2) => x.toFixed(d);
for (const [name, rel] of corpora) {
  const { file, bytes } = sample(name, rel);
  const mb = bytes / 1e6;
  const runs = [];
  if (existsSync(join(oracle, 'mecab-ko'))) {
    runs.push(['native mecab-ko (as shipped)', join(oracle, 'mecab-ko'), []]);
    runs.push(['native vanilla MeCab (no penalty)', join(oracle, 'mecab-vanilla'), []]);
  }
  runs.push(['mbbpe segment', process.execPath, [cli, 'segment']]);
  runs.push([`mbbpe segment --threads ${o.threads}`, process.execPath, [cli, 'segment', '--threads', o.threads]]);
  runs.push(['mbbpe segment --no-space-penalty', process.execPath, [cli, 'segment', '--no-space-penalty']]);
  for (const [label, cmd, args] of runs) {
    const r = timed(cmd, args, file, join(out, `${name}.${rows.length}.out`));
    rows.push({ corpus: name, mb, label, ...r, mbps: mb / r.wall, mbpcs: mb / r.cpu });
  }
}

// Dictionary load and in-process throughput (segmentation only vs full features), fresh process.
const probe = `
  const t0 = performance.now();
  const lib = await import(${JSON.stringify(join(dist, 'node.js'))});
  const t1 = performance.now();
  const a = await (lib.NodeAnalyzer ?? lib.Analyzer).load(); // NodeAnalyzer since issue 16
  const load = performance.now() - t0, importMs = t1 - t0;
  const fs = await import('node:fs');
  const text = fs.readFileSync(${JSON.stringify(join(out, `nsmc-${o.mb}MB.txt`))}, 'utf8').split('\\n');
  const bytes = Buffer.byteLength(text.join('\\n'));
  let t = performance.now(); let n = 0;
  for (const l of text) n += a.morphs(l).length;
  const seg = performance.now() - t;
  t = performance.now();
  for (const l of text) for (const m of a.analyze(l)) n += m.feature.length;
  const full = performance.now() - t;
  console.log(JSON.stringify({ loadMs: load, importMs, segMBps: bytes / 1e3 / seg, fullMBps: bytes / 1e3 / full, rssMB: process.memoryUsage().rss / 2 ** 20 }));`;
const inproc = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' }));

const lines = [`node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average at start ${startLoad}`, '', '| corpus | MB | program | wall s | MB/s (wall) | CPU s | MB per CPU-s | peak RSS MB | output sha256 |', '|---|---|---|---|---|---|---|---|---|'];
for (const r of rows) lines.push(`| ${r.corpus} | ${fmt(r.mb, 1)} | ${r.label} | ${fmt(r.wall)} | ${fmt(r.mbps)} | ${fmt(r.cpu)} | ${fmt(r.mbpcs)} | ${fmt(r.rssMB, 0)} | ${r.sha} |`);
lines.push('', `In-process (nsmc sample, one thread): dictionary load ${fmt(inproc.loadMs, 0)} ms (import of mbbpe/node ${fmt(inproc.importMs, 0)} ms + Analyzer.load ${fmt(inproc.loadMs - inproc.importMs, 0)} ms), ` +
  `morphs() ${fmt(inproc.segMBps)} MB/s (no features), analyze()+feature ${fmt(inproc.fullMBps)} MB/s, RSS ${fmt(inproc.rssMB, 0)} MB.`);
const same = (c, a, b) => rows.find((r) => r.corpus === c && r.label.startsWith(a))?.sha === rows.find((r) => r.corpus === c && r.label === b)?.sha;
for (const [c] of corpora) {
  if (rows.some((r) => r.label.startsWith('native'))) {
    lines.push(`${c}: mbbpe output ${same(c, 'native mecab-ko', 'mbbpe segment') ? '==' : '!='} native mecab-ko; ` +
      `threads ${same(c, 'native mecab-ko', `mbbpe segment --threads ${o.threads}`) ? '==' : '!='}; ` +
      `--no-space-penalty ${same(c, 'native vanilla', 'mbbpe segment --no-space-penalty') ? '==' : '!='} vanilla.`);
  }
}
console.log(lines.join('\n'));
writeFileSync(join(out, 'morph.json'), JSON.stringify({ rows, inproc, date: new Date().toISOString() }, null, 2));
