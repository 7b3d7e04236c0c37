// bench/playground.mjs: how long the playground page takes to re-render after a 10 kB paste and
// after one keystroke in that text, in headless Chromium (Debian chromium + puppeteer-core from
// scripts/platforms-install.sh). Prints medians with a breakdown (analysis, panes, DOM+layout) and
// the load average, since a busy machine slows the browser too.
//   npm run build && node bench/playground.mjs [--runs 7]

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const { values: v } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const runs = Number(v.runs);
const platforms = resolve(root, process.env.MBBPE_PLATFORMS_DIR ?? '.cache/platforms');
const req = createRequire(join(platforms, 'package.json'));
const mod = await import(pathToFileURL(req.resolve('puppeteer-core')).href);
const pptr = mod.launch ? mod : mod.default;

const lines = readFileSync(resolve(root, '../shared/corpora/klue-dev/klue_dev_sentences.txt'), 'utf8').split('\n');
const polyglot = resolve(root, '../shared/vocab/polyglot-ko');
const server = spawn(process.execPath, [join(root, 'dist/cli/main.js'), 'playground', '--port', '0', '-t', join(root, 'vocab/mbbpe-ko-30k/tokenizer.json'), '-t', polyglot], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((ok) => server.stdout.on('data', (d) => { const m = /http:\/\/\S+\//.exec(String(d)); if (m) ok(m[0]); }));
const browser = await pptr.launch({ executablePath: process.env.MBBPE_CHROMIUM ?? '/usr/bin/chromium', headless: true, pipe: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const page = await browser.newPage();
await page.setViewport({ width: 1200, height: 1000 });
await page.goto(url);
const rendered = async () => Number(await page.evaluate('document.body.dataset.rendered ?? "0"'));
const wait = async (after) => { for (;;) { if ((await rendered()) > after) return; await new Promise((r) => setTimeout(r, 20)); } };
await wait(0);
const read = () => page.evaluate('({ ...document.body.dataset })');
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const paste = [], key = [], parts = [];
let at = 0;
for (let r = 0; r < runs; r++) {
  let text = '';
  while (text.length < 10_000) text += lines[at++ % lines.length] + '\n';
  const g = await rendered();
  await page.evaluate(`(() => { const t = document.getElementById('text'); t.value = ${JSON.stringify(text)}; t.dispatchEvent(new Event('input')); })()`);
  await wait(g);
  const d = await read();
  paste.push(Number(d.renderMs));
  parts.push([Number(d.analyseMs), Number(d.panesMs), Number(d.layoutMs)]);
  const g2 = await rendered();
  await page.evaluate(`(() => { const t = document.getElementById('text'); t.value = t.value.slice(0, 5000) + '가' + t.value.slice(5000); t.dispatchEvent(new Event('input')); })()`);
  await wait(g2);
  key.push(Number((await read()).renderMs));
}
const col = (i) => median(parts.map((p) => p[i])).toFixed(1);
console.log(`playground, ${runs} runs, two tokenizers + morphemes, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log(`10 kB paste: median ${median(paste).toFixed(1)} ms (analysis ${col(0)}, panes ${col(1)}, morphemes+layout ${col(2)}); min ${Math.min(...paste).toFixed(1)} ms`);
console.log(`one keystroke in it: median ${median(key).toFixed(1)} ms; min ${Math.min(...key).toFixed(1)} ms`);
await browser.close();
server.kill();
