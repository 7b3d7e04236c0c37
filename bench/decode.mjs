// `node bench/decode.mjs`: decode throughput on the line workloads for ours and its peers in ONE
// process, passes interleaved peer by peer (the order rotated every pass) so machine noise hits all
// alike; medians and ours ÷ each peer. Each peer decodes the ids its own encode gave for the first
// --mb of text (as bench/peer.mjs does); MB counts the text those ids stand for.
// Two figures per peer: `return` times decode() alone, as the harness does; `read` also reads one
// character from the middle of each result, which makes V8 flatten a string built as a rope of
// concatenations — the cost a user pays on first use of the text.
// Texts and decoded strings are checked equal to the input first. Needs `npm run build` and ../shared;
// writes the tiktoken rank files with our exportTiktoken when bench/out lacks them.

import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { ensureTiktokenRanks, PEERS } from './lib/peers.mjs';
import { loadWorkload } from './lib/workloads.mjs';

const { values: v } = parseArgs({
  options: {
    peers: { type: 'string' },
    workloads: { type: 'string' },
    mb: { type: 'string' },
    passes: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
});
if (v.help) {
  console.log('usage: node bench/decode.mjs [--peers ours,gpt-tokenizer,tiktoken (default)] [--workloads nsmc-lines,precedents-lines,nsmc-short (default)] [--mb N (default 5)] [--passes N (default 9)]');
  process.exit(0);
}
const names = (v.peers ?? 'ours,gpt-tokenizer,tiktoken').split(',');
if (!names.includes('ours')) names.unshift('ours');
const workloads = (v.workloads ?? 'nsmc-lines,precedents-lines,nsmc-short').split(',');
const mb = Number(v.mb ?? 5);
const passes = Number(v.passes ?? 9);

await ensureTiktokenRanks();

const peers = {};
for (const n of names) {
  peers[n] = await PEERS[n](() => {});
  if (!peers[n].decode) throw new Error(`${n}: no synchronous decode`);
}

console.log(`node bench/decode.mjs --peers ${names.join(',')} --workloads ${workloads.join(',')} --mb ${mb} --passes ${passes}`);
console.log(`${new Date().toISOString()} · node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 1e9).toFixed(1)} GB`);

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
let sink = 0;

for (const workload of workloads) {
  const { texts, bytes } = loadWorkload(workload, mb);
  const idss = {};
  for (const [n, p] of Object.entries(peers)) {
    idss[n] = texts.map((t) => p.encode(t));
    for (let i = 0; i < texts.length; i += 31) {
      const got = p.decode(idss[n][i]);
      if (got !== texts[i]) throw new Error(`${n}: decode(encode(text)) differs from the text on ${JSON.stringify(texts[i].slice(0, 80))}`);
    }
  }
  const pass = (n, read) => {
    const decode = peers[n].decode;
    const rows = idss[n];
    const t = performance.now();
    if (read) {
      for (let i = 0; i < rows.length; i++) {
        const s = decode(rows[i]);
        sink += s.charCodeAt(s.length >> 1) | 0;
      }
    } else {
      for (let i = 0; i < rows.length; i++) decode(rows[i]);
    }
    return bytes / 1e6 / ((performance.now() - t) / 1000);
  };
  const order = Object.keys(peers);
  const runs = Object.fromEntries(order.flatMap((n) => [[`${n} return`, []], [`${n} read`, []]]));
  for (const n of order) pass(n, false), pass(n, true); // warm-up
  for (let k = 0; k < passes; k++) {
    const rot = order.map((_, i) => order[(i + k) % order.length]);
    for (const read of [false, true]) for (const n of rot) runs[`${n} ${read ? 'read' : 'return'}`].push(pass(n, read));
  }
  const tokens = idss.ours.reduce((s, x) => s + x.length, 0);
  console.log(`\n${workload}: ${texts.length} texts, ${(bytes / 1e6).toFixed(1)} MB, ${(tokens / texts.length).toFixed(1)} tokens per text (ours)`);
  for (const mode of ['return', 'read']) {
    const ours = median(runs[`ours ${mode}`]);
    for (const n of order) {
      const xs = runs[`${n} ${mode}`];
      const m = median(xs);
      console.log(`  ${mode.padEnd(6)} ${n.padEnd(14)} median ${m.toFixed(1).padStart(6)} MB/s (passes ${xs.map((x) => x.toFixed(0)).join(' ')})  ours ÷ ${(ours / m).toFixed(2)}x`);
    }
  }
}
console.log(`\npeak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (all peers in this process)${sink === 0.5 ? '' : ''}`);
