// `node bench/ab.mjs --dists DIR_A,DIR_B [--workload nsmc-lines] [--mb 5] [--passes 9]`: encode
// throughput of two builds of ours (each a `dist` folder, e.g. one built from an older commit) in ONE
// process, passes interleaved and their order flipped every pass, so machine noise hits both alike —
// the way to tell a regression from noise on a loaded machine, where separate processes cannot.
// Each pass meets a fresh slice of text, as one pass over a long stream would. Ids are checked equal
// between the builds first. Prints medians and B ÷ A.

import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { loadWorkload, sharedPath, TOKENIZER_JSON } from './lib/workloads.mjs';

const { values: v } = parseArgs({
  options: {
    dists: { type: 'string' },
    workload: { type: 'string' },
    mb: { type: 'string' },
    passes: { type: 'string' },
    decode: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
});
if (v.help || !v.dists) {
  console.log('usage: node bench/ab.mjs --dists DIR_A,DIR_B [--workload nsmc-lines (default)] [--mb N (default 5)] [--passes N (default 9)] [--decode]');
  process.exit(v.help ? 0 : 2);
}
const dists = v.dists.split(',').map((d) => resolve(d));
const workload = v.workload ?? 'nsmc-lines';
const mb = Number(v.mb ?? 5);
const passes = Number(v.passes ?? 9);

const json = readFileSync(sharedPath(TOKENIZER_JSON));
const builds = [];
for (const d of dists) {
  const mod = await import(pathToFileURL(resolve(d, 'runtime.js')).href);
  const tok = mod.Tokenizer.fromJSON(json);
  const encode = typeof tok.encodeIds === 'function' ? (t) => tok.encodeIds(t) : (t) => tok.encode(t).ids;
  builds.push({ dir: d, tok, encode });
}
const { texts } = loadWorkload(workload, mb);

for (let i = 0; i < texts.length; i += 53) {
  const a = Array.from(builds[0].encode(texts[i]));
  const b = Array.from(builds[1].encode(texts[i]));
  if (a.length !== b.length || a.some((x, j) => x !== b[j])) throw new Error(`ids differ between the builds on ${JSON.stringify(texts[i])}`);
}

const slices = Array.from({ length: passes + 1 }, (_, k) => texts.slice(Math.floor((k * texts.length) / (passes + 1)), Math.floor(((k + 1) * texts.length) / (passes + 1))));
const sliceBytes = slices.map((sl) => sl.reduce((n, t) => n + Buffer.byteLength(t), 0));
const sliceIds = v.decode ? slices.map((sl) => sl.map((t) => builds[0].encode(t))) : null;
const pass = (b, k) => {
  const sl = v.decode ? sliceIds[k] : slices[k];
  const run = v.decode ? (x) => b.tok.decode(x) : b.encode;
  const t = performance.now();
  for (let i = 0; i < sl.length; i++) run(sl[i]);
  return sliceBytes[k] / 1e6 / ((performance.now() - t) / 1000);
};
const runs = builds.map(() => []);
builds.forEach((b) => pass(b, 0));
for (let k = 1; k <= passes; k++) {
  const order = k % 2 ? [0, 1] : [1, 0];
  for (const i of order) runs[i].push(pass(builds[i], k));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

console.log(`node bench/ab.mjs --dists ${v.dists} --workload ${workload} --mb ${mb} --passes ${passes}${v.decode ? ' --decode' : ''}`);
console.log(`${new Date().toISOString()} · node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
const m = runs.map(median);
builds.forEach((b, i) => console.log(`${['A', 'B'][i]} ${b.dir}: median ${m[i].toFixed(2)} MB/s (passes ${runs[i].map((x) => x.toFixed(1)).join(' ')})`));
console.log(`B ÷ A = ${(m[1] / m[0]).toFixed(3)}`);
