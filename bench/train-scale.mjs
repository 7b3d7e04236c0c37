// Trainer scale benchmark (issue 11): synthetic corpora of N distinct words (scripts/gen-distinct.mjs,
// generated here, deleted after), our `train()` against Hugging Face's `Tokenizer.train` (tokenizers
// npm) in separate processes (bench/train-child.mjs), `--preset hf-defaults --segment none`, both with
// the same threads. Wall time, CPU time and peak RSS per side (ours per phase too), bytes per
// distinct word, and an SVG chart of RSS and time against distinct words.
//   npm run build && node bench/train-scale.mjs [--sizes 1,5,20,50,100] [--hf-max 20] [--threads 2]
//        [--svg docs/train-scale.svg] [--dist DIR]
//   node bench/train-scale.mjs --from-json bench/out/train-scale.json   (table and chart of a past run)
// Hugging Face needs ~0.7 kB per distinct word: it runs only up to --hf-max million words, and under
// `prlimit --as` (--hf-cap-gb, default 20) so it cannot take the shared machine down; above that
// its figures are extrapolated linearly from its two largest runs, and marked so.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const { values: v } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1,5,20,50,100' },
    'hf-max': { type: 'string', default: '20' },
    'hf-cap-gb': { type: 'string', default: '20' },
    threads: { type: 'string', default: String(Math.min(2, cpus().length)) },
    svg: { type: 'string', default: resolve(repo, 'docs/train-scale.svg') },
    dist: { type: 'string', default: resolve(repo, 'dist') },
    'from-json': { type: 'string' },
  },
});
const out = resolve(here, 'out');
mkdirSync(out, { recursive: true });
const past = v['from-json'] ? JSON.parse(readFileSync(v['from-json'], 'utf8')) : null;
if (past) v.threads = String(past.threads);
const sizes = past ? past.rows.map((r) => r.millions) : v.sizes.split(',').map(Number);
const hfMax = Number(v['hf-max']);

function hasPrlimit() {
  try {
    execFileSync('prlimit', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const prlimit = hasPrlimit();

function child(side, file) {
  const env = { ...process.env, RAYON_NUM_THREADS: v.threads };
  const args = [resolve(here, 'train-child.mjs'), side, file, v.threads, v.dist];
  const [cmd, argv] = side === 'hf' && prlimit ? ['prlimit', [`--as=${Math.round(Number(v['hf-cap-gb']) * 1e9)}`, process.execPath, ...args]] : [process.execPath, args];
  try {
    const o = execFileSync(cmd, argv, { env, maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
    return JSON.parse(o.toString().trim().split('\n').pop());
  } catch (e) {
    return { side, failed: String(e.message).split('\n')[0] };
  }
}

const rows = past ? past.rows : [];
const started = past ? past.started : new Date().toISOString();
for (const m of past ? [] : sizes) {
  const words = Math.round(m * 1e6);
  const file = resolve(out, `distinct-${m}m.txt`);
  execFileSync(process.execPath, [resolve(repo, 'scripts/gen-distinct.mjs'), String(words), file]);
  const bytes = statSync(file).size;
  process.stderr.write(`${m}M distinct words (${(bytes / 1e6).toFixed(0)} MB): ours...\n`);
  const ours = child('ours', file);
  let hf = null;
  if (m <= hfMax) {
    process.stderr.write(`${m}M: hf...\n`);
    hf = child('hf', file);
  }
  rmSync(file, { force: true });
  rows.push({ millions: m, words, bytes, ours, hf });
  const f = (x, d = 1) => (typeof x === 'number' ? x.toFixed(d) : '-');
  process.stderr.write(
    `  ours ${f(ours.totalWall)} s wall, ${f(ours.totalCpu)} s CPU, peak ${f(ours.peakMB, 0)} MB (counting ${f(ours.countPeakMB, 0)} MB)` +
      (hf ? `; hf ${f(hf.totalWall)} s wall, ${f(hf.totalCpu)} s CPU, peak ${f(hf.peakMB, 0)} MB${hf.failed ? ` FAILED ${hf.failed}` : ''}` : '') +
      '\n',
  );
}

// HF above --hf-max: a line through its two largest measured runs (RSS and wall time are ~linear in words).
const measured = rows.filter((r) => r.hf && !r.hf.failed);
function extrapolate(key, m) {
  if (measured.length < 2) return null;
  const [a, b] = measured.slice(-2);
  const slope = (b.hf[key] - a.hf[key]) / (b.millions - a.millions);
  return b.hf[key] + slope * (m - b.millions);
}
for (const r of rows) if (!r.hf) r.hfExtrapolated = { peakMB: extrapolate('peakMB', r.millions), totalWall: extrapolate('totalWall', r.millions), totalCpu: extrapolate('totalCpu', r.millions) };

const MB = 1024 * 1024;
const lines = [
  `node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? '?'}, threads ${v.threads}, started ${started}`,
  '',
  '| distinct words | corpus MB | HF wall s | HF CPU s | HF peak RSS MB | ours wall s | ours CPU s | ours peak RSS MB | RSS ours/HF | wall ours/HF | ours B/word counting | ours B/word whole run | HF B/word |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
];
const f = (x, d = 1) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(d) : '-');
for (const r of rows) {
  const o = r.ours;
  const h = r.hf && !r.hf.failed ? r.hf : null;
  const e = r.hfExtrapolated;
  const hp = h ? h.peakMB : e?.peakMB;
  const hw = h ? h.totalWall : e?.totalWall;
  const mark = h ? '' : e?.peakMB ? ' (extrap.)' : '';
  lines.push(
    `| ${r.millions}M | ${f(r.bytes / 1e6, 0)} | ${f(hw)}${mark} | ${h ? f(h.totalCpu) : f(e?.totalCpu) + mark} | ${f(hp, 0)}${mark} | ${f(o.totalWall)} | ${f(o.totalCpu)} | ${f(o.peakMB, 0)} | ${hp ? f(o.peakMB / hp, 2) : '-'} | ${hw ? f(o.totalWall / hw, 2) : '-'} | ${f((o.countPeakMB * MB) / r.words, 0)} | ${f((o.peakMB * MB) / r.words, 0)} | ${hp ? f((hp * MB) / r.words, 0) : '-'}${mark} |`,
  );
}
const table = lines.join('\n');
process.stdout.write(table + '\n');
if (!past) writeFileSync(resolve(out, 'train-scale.json'), JSON.stringify({ started, threads: Number(v.threads), rows }, null, 2));

// The chart: two panels, distinct words (millions) on x; solid = measured, dashed = extrapolated.
function svg() {
  const W = 360, H = 260, L = 56, B = 40, T = 28, R = 28;
  const maxX = Math.max(...sizes);
  const series = (get) => rows.map((r) => ({ x: r.millions, y: get(r) })).filter((p) => typeof p.y?.v === 'number' && Number.isFinite(p.y.v));
  const panel = (ox, title, unit, ours, hf) => {
    const all = [...ours, ...hf].map((p) => p.y.v);
    const maxY = Math.max(...all) * 1.08;
    const sx = (x) => ox + L + (x / maxX) * (W - L - R);
    const sy = (y) => T + (1 - y / maxY) * (H - T - B);
    const path = (pts, pred) => {
      let d = '';
      for (let i = 1; i < pts.length; i++) if (pred(pts[i - 1], pts[i])) d += `M${sx(pts[i - 1].x).toFixed(1)},${sy(pts[i - 1].y.v).toFixed(1)}L${sx(pts[i].x).toFixed(1)},${sy(pts[i].y.v).toFixed(1)}`;
      return d;
    };
    const draw = (pts, color) =>
      `<path d="${path(pts, (a, b) => !a.y.ex && !b.y.ex)}" stroke="${color}" fill="none" stroke-width="2"/>` +
      `<path d="${path(pts, (a, b) => a.y.ex || b.y.ex)}" stroke="${color}" fill="none" stroke-width="2" stroke-dasharray="5 4"/>` +
      pts.map((p) => `<circle cx="${sx(p.x).toFixed(1)}" cy="${sy(p.y.v).toFixed(1)}" r="3" fill="${p.y.ex ? 'white' : color}" stroke="${color}"/>`).join('');
    const ticksY = [0, 0.25, 0.5, 0.75, 1].map((t) => {
      const y = maxY * t;
      return `<line x1="${ox + L}" x2="${ox + W - R}" y1="${sy(y)}" y2="${sy(y)}" stroke="#ddd"/><text x="${ox + L - 6}" y="${sy(y) + 4}" text-anchor="end">${y >= 100 ? y.toFixed(0) : y.toFixed(1)}</text>`;
    });
    let lastX = -Infinity;
    const ticksX = sizes.map((x) => {
      if (sx(x) - lastX < 28) return ''; // labels of close sizes would overlap
      lastX = sx(x);
      return `<text x="${sx(x)}" y="${H - B + 16}" text-anchor="middle">${x}M</text>`;
    });
    return `<g>${ticksY.join('')}${ticksX.join('')}<text x="${ox + L}" y="${T - 10}" font-weight="bold">${title} (${unit})</text><text x="${ox + (W + L) / 2}" y="${H - 6}" text-anchor="middle">distinct words</text>${draw(hf, '#d95f02')}${draw(ours, '#1b62b3')}</g>`;
  };
  const gb = (mb) => (mb * MB) / 1e9;
  const oursRss = series((r) => ({ v: gb(r.ours.peakMB) }));
  const hfRss = series((r) => (r.hf && !r.hf.failed ? { v: gb(r.hf.peakMB) } : r.hfExtrapolated?.peakMB ? { v: gb(r.hfExtrapolated.peakMB), ex: true } : null));
  // CPU seconds, not wall: on a shared machine the two sides, run at different moments, meet different
  // loads, and CPU time is the figure that load disturbs least (the table has both).
  const oursT = series((r) => ({ v: r.ours.totalCpu }));
  const hfT = series((r) => (r.hf && !r.hf.failed ? { v: r.hf.totalCpu } : r.hfExtrapolated?.totalCpu ? { v: r.hfExtrapolated.totalCpu, ex: true } : null));
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * W}" height="${H + 40}" font-family="sans-serif" font-size="11">` +
    `<rect width="100%" height="100%" fill="white"/>` +
    panel(0, 'Peak RSS', 'GB', oursRss, hfRss) +
    panel(W, 'CPU time', 's', oursT, hfT) +
    `<g transform="translate(${L},${H + 14})"><rect width="12" height="3" y="-4" fill="#1b62b3"/><text x="16">mbbpe train</text>` +
    `<rect x="110" width="12" height="3" y="-4" fill="#d95f02"/><text x="126">HF tokenizers ${'Tokenizer.train'}</text>` +
    `<text y="16">dashed line, open dot: Hugging Face extrapolated from its two largest runs; ${v.threads} threads; ${started.slice(0, 10)}</text></g></svg>\n`
  );
}
if (v.svg) {
  mkdirSync(dirname(v.svg), { recursive: true });
  writeFileSync(v.svg, svg());
  process.stderr.write(`wrote ${v.svg}\n`);
}
