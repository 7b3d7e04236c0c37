#!/usr/bin/env node
// A/B of two builds of `mbbpe segment` (or of one build with two argument lists) in fresh processes,
// alternating A and B so that a shared, busy machine slows both alike. Reports per corpus the median
// CPU seconds (user + sys, whole process: start-up and dictionary load included), median wall time,
// peak RSS, the B/A ratio, and whether the outputs are byte-identical. Not a test: figures depend on
// the box; the ratio is the figure.
//
// DIST may be `native` for the oracle's mecab-ko (then --a-args/--b-args are mecab-ko's arguments).
// usage: node bench/morph-ab.mjs --a DIST [--b DIST] [--a-args "..."] [--b-args "..."] [--runs 5] [--mb 3]
// e.g. user dictionaries absent vs a build without the user-dictionary loop:
//   node bench/morph-ab.mjs --a dist --b .cache/dist-nouser
// or with a user dictionary vs without, same build:
//   node bench/morph-ab.mjs --a dist --b-args "--user-dic my.csv"

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: o } = parseArgs({
  options: {
    a: { type: 'string', default: 'dist' },
    b: { type: 'string' },
    'a-args': { type: 'string', default: '' },
    'b-args': { type: 'string', default: '' },
    runs: { type: 'string', default: '5' },
    mb: { type: 'string', default: '3' },
  },
});
const out = join(root, 'bench/out');
mkdirSync(out, { recursive: true });
const corpora = [
  ['nsmc', '../shared/corpora/nsmc/nsmc_raw_reviews.txt'],
  ['precedents', '../shared/corpora/korean-precedents/precedents_paragraphs.txt'],
];

function sample(name, rel) {
  const want = Math.round(Number(o.mb) * 1e6);
  const buf = Buffer.alloc(want);
  const fd = openSync(resolve(root, rel), 'r');
  const n = readSync(fd, buf, 0, want, 0);
  closeSync(fd);
  const cut = buf.subarray(0, n).lastIndexOf(0x0a) + 1;
  const file = join(out, `${name}-${o.mb}MB.txt`);
  writeFileSync(file, buf.subarray(0, cut));
  return file;
}

/** `native` = the oracle's mecab-ko (.cache/mecab-oracle); anything else is a build directory. */
function run(dist, extra, input, outFile) {
  const native = dist === 'native';
  const cmd = native ? join(root, '.cache/mecab-oracle/mecab-ko') : process.execPath;
  const args = [...(native ? [] : [join(resolve(root, dist), 'cli/main.js'), 'segment']), ...extra.split(' ').filter(Boolean)];
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', 'sh', '-c', `"$0" "$@" < '${input}' > '${outFile}'`, cmd, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${dist} failed: ${r.stderr}`);
  const [wall, user, sys, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { wall, cpu: user + sys, rss: kb / 1024, sha: createHash('sha256').update(readFileSync(outFile)).digest('hex') };
}

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const sides = { A: [o.a, o['a-args']], B: [o.b ?? o.a, o['b-args']] };
const lines = [`load average at start ${loadavg().map((x) => x.toFixed(1)).join(' ')}; ${o.runs} runs per side, alternating`, '',
  `A = ${sides.A[0]} ${sides.A[1]}`.trim(), `B = ${sides.B[0]} ${sides.B[1]}`.trim(), '',
  '| corpus | side | median CPU s | median wall s | peak RSS MB | B/A CPU | outputs |', '|---|---|---|---|---|---|---|'];
for (const [name, rel] of corpora) {
  const input = sample(name, rel);
  const res = { A: [], B: [] };
  for (let i = 0; i < Number(o.runs); i++) {
    for (const s of i % 2 ? ['B', 'A'] : ['A', 'B']) res[s].push(run(sides[s][0], sides[s][1], input, join(out, `ab-${name}-${s}.out`)));
  }
  const same = res.A.every((r) => r.sha === res.B[0].sha) && res.B.every((r) => r.sha === res.B[0].sha);
  const cpu = { A: median(res.A.map((r) => r.cpu)), B: median(res.B.map((r) => r.cpu)) };
  for (const s of ['A', 'B']) {
    lines.push(`| ${name} | ${s} | ${cpu[s].toFixed(2)} | ${median(res[s].map((r) => r.wall)).toFixed(2)} | ${Math.max(...res[s].map((r) => r.rss)).toFixed(0)} | ${s === 'B' ? (cpu.B / cpu.A).toFixed(3) : ''} | ${s === 'B' ? (same ? 'identical' : 'DIFFER') : ''} |`);
  }
}
console.log(lines.join('\n'));
