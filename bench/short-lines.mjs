// `node bench/short-lines.mjs`: encode throughput on short lines (NSMC reviews under 60 characters,
// the nsmc-short workload) for ours and tiktoken (and any other peers named) in ONE process,
// passes interleaved peer by peer so machine noise hits all alike, each pass on a fresh slice of the
// text; medians and ours ÷ each peer.
// Ids are checked equal to ours first. Needs `npm run build` and ../shared; writes the tiktoken rank
// files with our exportTiktoken when bench/out lacks them.

import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { ensureTiktokenRanks, PEERS } from './lib/peers.mjs';
import { loadWorkload } from './lib/workloads.mjs';

const { values: v } = parseArgs({
  options: { peers: { type: 'string' }, mb: { type: 'string' }, passes: { type: 'string' }, workload: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  strict: true,
});
if (v.help) {
  console.log('usage: node bench/short-lines.mjs [--peers ours,tiktoken,…] [--mb N (default 5)] [--passes N (default 9)] [--workload nsmc-short]');
  process.exit(0);
}
const names = (v.peers ?? 'ours,tiktoken').split(',');
const mb = Number(v.mb ?? 5);
const passes = Number(v.passes ?? 9);
const workload = v.workload ?? 'nsmc-short';

await ensureTiktokenRanks();

const peers = {};
for (const n of names) peers[n] = await PEERS[n](() => {});
if (!peers.ours) peers.ours = await PEERS.ours(() => {});
const { texts, bytes } = loadWorkload(workload, mb);

// Same ids as ours on every text (ours is checked against tokenizers by the harness and the tests).
for (const [n, p] of Object.entries(peers)) {
  if (p.async) throw new Error(`${n}: async peers are not supported here`);
  for (let i = 0; i < texts.length; i += 97) {
    const a = Array.from(peers.ours.encode(texts[i]));
    const b = Array.from(p.encode(texts[i]));
    if (a.length !== b.length || a.some((x, j) => x !== b[j])) throw new Error(`${n}: ids differ from ours on ${JSON.stringify(texts[i])}`);
  }
}

// Pass k of every peer encodes slice k (a warm-up slice first): each pass meets text no pass before
// it saw, as one pass over a long stream would — repeating one slice would let ours' word cache
// answer every word from the second pass on.
const slices = Array.from({ length: passes + 1 }, (_, k) => texts.slice(Math.floor((k * texts.length) / (passes + 1)), Math.floor(((k + 1) * texts.length) / (passes + 1))));
const sliceBytes = slices.map((sl) => sl.reduce((n, t) => n + Buffer.byteLength(t), 0));
const pass = (p, k) => {
  const encode = p.encode;
  const sl = slices[k];
  const t = performance.now();
  for (let i = 0; i < sl.length; i++) encode(sl[i]);
  return sliceBytes[k] / 1e6 / ((performance.now() - t) / 1000);
};
const runs = Object.fromEntries(Object.keys(peers).map((n) => [n, []]));
for (const p of Object.values(peers)) pass(p, 0); // warm-up
for (let k = 1; k <= passes; k++) for (const [n, p] of Object.entries(peers)) runs[n].push(pass(p, k));
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

console.log(`node bench/short-lines.mjs --peers ${names.join(',')} --mb ${mb} --passes ${passes} --workload ${workload}`);
console.log(`${new Date().toISOString()} · node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 1e9).toFixed(1)} GB`);
console.log(`${workload}: ${texts.length} texts, ${(bytes / 1e6).toFixed(1)} MB, ${(bytes / texts.length).toFixed(1)} bytes per text on average`);
const ours = median(runs.ours);
for (const [n, xs] of Object.entries(runs)) {
  const m = median(xs);
  console.log(`${n.padEnd(16)} median ${m.toFixed(2)} MB/s (passes ${xs.map((x) => x.toFixed(1)).join(' ')})  ours ÷ ${(ours / m).toFixed(2)}x`);
}
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (all peers in this process)`);

