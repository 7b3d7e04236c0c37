// Text renderings of an EvalReport: Markdown (a table per figure group) and one self-contained HTML
// file with inline SVG bar charts (no scripts, no fonts, no network). Computation is in metrics.ts;
// nothing here changes a figure, it only formats it.

import type { EvalReport } from './evaluate.js';
import { HISTOGRAM_MAX, type TokenizerReport } from './metrics.js';

type Row = { label: string; get: (r: TokenizerReport) => number | null | undefined; kind: 'count' | 'ratio' | 'share' };

const ROWS: Row[] = [
  { label: 'tokens', get: (r) => r.tokens, kind: 'count' },
  { label: 'tokens per char', get: (r) => r.tokensPerChar, kind: 'ratio' },
  { label: 'tokens per eojeol', get: (r) => r.tokensPerEojeol, kind: 'ratio' },
  { label: 'eojeols kept whole', get: (r) => r.eojeolWholeShare, kind: 'share' },
  { label: 'tokens ending inside a character', get: (r) => r.cutTokenShare, kind: 'share' },
  { label: 'morpheme boundary precision', get: (r) => r.morphemePrecision, kind: 'share' },
  { label: 'morpheme boundary recall', get: (r) => r.morphemeRecall, kind: 'share' },
  { label: 'morpheme boundary F1', get: (r) => r.morphemeF1, kind: 'share' },
  { label: 'vocabulary used', get: (r) => r.vocabUsedShare, kind: 'share' },
];

function fmt(v: number | null | undefined, kind: Row['kind']): string {
  if (v === null || v === undefined) return '–';
  if (kind === 'count') return String(v);
  if (kind === 'share') return `${(100 * v).toFixed(2)}%`;
  return v.toFixed(4);
}

function title(r: TokenizerReport): string {
  return r.mode === 'morpheme-aware' ? `${r.name} (morpheme-aware)` : r.name;
}

function rows(report: EvalReport): Row[] {
  return ROWS.filter((row) => report.tokenizers.some((t) => row.get(t) !== undefined));
}

function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function inputLine(report: EvalReport): string {
  const i = report.input;
  const files = i.files.length ? i.files.join(', ') : 'stdin';
  return `${files}: ${i.lines} lines, ${i.chars} characters, ${i.eojeols} eojeols`;
}

export function renderMarkdown(report: EvalReport): string {
  const ts = report.tokenizers;
  const out: string[] = ['# Tokenizer evaluation', '', inputLine(report), ''];
  if (report.input.note) out.push(`> ${report.input.note}`, '');
  out.push(`| | ${ts.map((t) => mdCell(title(t))).join(' | ')} |`, `|---|${ts.map(() => '---:').join('|')}|`);
  for (const row of rows(report)) out.push(`| ${row.label} | ${ts.map((t) => fmt(row.get(t), row.kind)).join(' | ')} |`);
  out.push('', '## Tokens per eojeol', '', `| tokens | ${ts.map((t) => mdCell(title(t))).join(' | ')} |`, `|---|${ts.map(() => '---:').join('|')}|`);
  for (let k = 0; k <= HISTOGRAM_MAX; k++) {
    const label = k === HISTOGRAM_MAX ? `${k}+` : String(k);
    out.push(`| ${label} | ${ts.map((t) => fmt(t.eojeols ? t.eojeolTokenHistogram[k]! / t.eojeols : null, 'share')).join(' | ')} |`);
  }
  for (const t of ts) {
    out.push('', `## Most frequent tokens: ${mdCell(title(t))}`, '', '| id | token | share |', '|---:|---|---:|');
    for (const x of t.topTokens) out.push(`| ${x.id} | \`${mdCell(x.piece.replace(/`/g, 'ˋ'))}\` | ${fmt(x.share, 'share')} |`);
  }
  return out.join('\n') + '\n';
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const COLOURS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7'];

/** Horizontal bars, one per tokenizer, for one figure. */
function barChart(label: string, values: Array<{ name: string; v: number | null; text: string }>, max: number): string {
  const rowH = 22;
  const w = 640;
  const left = 220;
  const h = values.length * rowH + 28;
  const bars = values
    .map((x, i) => {
      const y = 24 + i * rowH;
      const bw = x.v === null || max <= 0 ? 0 : Math.max(1, ((w - left - 90) * x.v) / max);
      return (
        `<text x="${left - 8}" y="${y + 14}" text-anchor="end">${esc(x.name)}</text>` +
        `<rect x="${left}" y="${y + 2}" width="${bw.toFixed(1)}" height="${rowH - 6}" fill="${COLOURS[i % COLOURS.length]}"/>` +
        `<text x="${(left + bw + 6).toFixed(1)}" y="${y + 14}">${esc(x.text)}</text>`
      );
    })
    .join('');
  return `<figure><svg role="img" aria-label="${esc(label)}" viewBox="0 0 ${w} ${h}" width="100%" style="max-width:${w}px"><text x="0" y="14" font-weight="bold">${esc(label)}</text>${bars}</svg></figure>`;
}

/** Tokens-per-eojeol distribution: grouped bars, one group per count. */
function histogram(ts: TokenizerReport[]): string {
  const w = 640;
  const h = 220;
  const top = 30;
  const bottom = 30;
  const groups = HISTOGRAM_MAX + 1;
  const gw = (w - 40) / groups;
  const bw = Math.max(2, (gw - 6) / Math.max(1, ts.length));
  const shares = ts.map((t) => t.eojeolTokenHistogram.map((c) => (t.eojeols ? c / t.eojeols : 0)));
  const max = Math.max(1e-9, ...shares.flat());
  let body = '';
  for (let k = 0; k < groups; k++) {
    const x0 = 40 + k * gw;
    ts.forEach((_t, i) => {
      const v = shares[i]![k]!;
      const bh = ((h - top - bottom) * v) / max;
      body += `<rect x="${(x0 + i * bw).toFixed(1)}" y="${(h - bottom - bh).toFixed(1)}" width="${(bw - 1).toFixed(1)}" height="${bh.toFixed(1)}" fill="${COLOURS[i % COLOURS.length]}"><title>${esc(title(ts[i]!))}: ${(100 * v).toFixed(2)}%</title></rect>`;
    });
    body += `<text x="${(x0 + gw / 2 - 3).toFixed(1)}" y="${h - 10}" text-anchor="middle">${k === HISTOGRAM_MAX ? `${k}+` : k}</text>`;
  }
  const legend = ts
    .map((t, i) => `<rect x="${40 + i * 150}" y="${top - 16}" width="10" height="10" fill="${COLOURS[i % COLOURS.length]}"/><text x="${54 + i * 150}" y="${top - 7}">${esc(title(t))}</text>`)
    .join('');
  return `<figure><svg role="img" aria-label="tokens per eojeol" viewBox="0 0 ${w} ${h}" width="100%" style="max-width:${w}px"><text x="0" y="12" font-weight="bold">share of eojeols by number of tokens</text>${legend}${body}</svg></figure>`;
}

export function renderHtml(report: EvalReport): string {
  const ts = report.tokenizers;
  const charts = rows(report).map((row) => {
    const vals = ts.map((t) => {
      const v = row.get(t);
      return { name: title(t), v: v ?? null, text: fmt(v, row.kind) };
    });
    const max = row.kind === 'share' ? 1 : Math.max(0, ...vals.map((x) => x.v ?? 0));
    return barChart(row.label, vals, max);
  });
  const head = `<th></th>${ts.map((t) => `<th>${esc(title(t))}</th>`).join('')}`;
  const bodyRows = rows(report)
    .map((row) => `<tr><th>${esc(row.label)}</th>${ts.map((t) => `<td>${esc(fmt(row.get(t), row.kind))}</td>`).join('')}</tr>`)
    .join('');
  const tops = ts
    .map((t) => `<h3>${esc(title(t))}</h3><p class="toks">${t.topTokens.map((x) => `<span title="id ${x.id}, ${(100 * x.share).toFixed(2)}%">${esc(x.piece)}</span>`).join(' ')}</p>`)
    .join('');
  return `<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>mbbpe eval</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;max-width:60em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em}td{text-align:right}svg text{font:12px system-ui,sans-serif}figure{margin:1em 0}.toks span{background:#eef;border-radius:3px;padding:0 .25em;margin:.1em;display:inline-block;white-space:pre}</style>
</head><body>
<h1>Tokenizer evaluation</h1>
<p>${esc(inputLine(report))}</p>
${report.input.note ? `<p><em>${esc(report.input.note)}</em></p>` : ''}
<table><thead><tr>${head}</tr></thead><tbody>${bodyRows}</tbody></table>
${charts.join('\n')}
${histogram(ts)}
<h2>Most frequent tokens</h2>${tops}
</body></html>
`;
}
