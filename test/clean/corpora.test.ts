// End-to-end runs of the pipeline on samples of ../shared/corpora: the report must be plausible and
// consistent, the output free of the things cleaning removes (checked by independent patterns),
// dedup must agree with a plain JS Set, and cleaning the output again must change nothing.

import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { clean, Cleaner, type CleanReport } from '../../src/clean/index.js';
import { sharedFile } from '../support/shared.js';

async function head(path: string, n: number): Promise<string[]> {
  const rl = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  const out: string[] = [];
  for await (const line of rl) {
    out.push(line);
    if (out.length >= n) break;
  }
  rl.close();
  return out;
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

// Independent leak patterns, deliberately simpler than the detectors.
const LEAKS: [string, RegExp][] = [
  ['mobile', /(?<![\d.-])01[016789][-. ]?[1-9]\d{2,3}[-. ]?\d{4}(?![\d-])/],
  ['email', /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/],
  ['rrn', /(?<!\d)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])-[1-4]\d{6}(?!\d)/],
  ['tag', /<\/?(?:p|br|div|span|b|a|td|tr|li|script|style)\b[^>]*>/i],
  ['entity', /&(?:amp|lt|gt|quot|nbsp|#\d+|#x[0-9a-f]+);/i],
];

function checkOutput(out: string[], report: CleanReport, multiline: boolean): void {
  for (const d of out) {
    for (const [name, re] of LEAKS) expect(re.test(d), `${name} left in ${JSON.stringify(d.slice(0, 120))}`).toBe(false);
    expect(d).not.toMatch(/[ \t]{2,}|^ | $|\r/m);
    expect(d).not.toMatch(/([^\s\p{N}<>|])\1{3}/u);
    if (!multiline) expect(d).not.toContain('\n');
  }
  const dropped = Object.values(report.steps).reduce((n, s) => n + s.dropped, 0);
  expect(report.documentsOut).toBe(out.length);
  expect(report.documentsOut + dropped).toBe(report.documentsIn);
}

const SAMPLES: [string, number, { minKept: number }][] = [
  ['corpora/nsmc/nsmc_raw_reviews.txt', 30_000, { minKept: 0.85 }],
  ['corpora/korean-precedents/precedents_paragraphs.txt', 8_000, { minKept: 0.6 }],
  ['corpora/chatbot-data/questions.txt', 20_000, { minKept: 0.85 }],
  ['corpora/klue-dev/klue_dev_sentences.txt', 20_000, { minKept: 0.95 }],
  ['corpora/korean-english-news/news_ko.txt', 20_000, { minKept: 0.95 }],
];

describe('clean on ../shared/corpora samples', () => {
  for (const [rel, n, expectations] of SAMPLES) {
    const file = sharedFile(rel, 'clean e2e');
    it.skipIf(!file)(`${rel}: plausible report, clean output, dedup = JS Set, idempotent`, async () => {
      const lines = await head(file as string, n);
      const run = clean(lines, { lineBreaks: 'space' });
      const out = await collect(run);
      const r = run.report;
      process.stderr.write(`[clean e2e] ${rel}: ${JSON.stringify({ in: r.documentsIn, out: r.documentsOut, steps: r.steps, pii: r.pii })}\n`);
      checkOutput(out, r, false);
      expect(r.documentsIn).toBe(lines.length);
      expect(r.documentsOut / r.documentsIn).toBeGreaterThanOrEqual(expectations.minKept);
      // Plausibility: these corpora are prose; PII and markup are rare, never a large share.
      const piiSpans = Object.values(r.pii).reduce((a, b) => a + b, 0);
      expect(piiSpans).toBeLessThan(r.documentsIn * 0.005);
      expect(r.steps.html.changed).toBeLessThan(r.documentsIn * 0.01);
      expect(r.steps.fragment.dropped).toBeLessThan(r.documentsIn * 0.01);

      // Dedup against the reference: the same run without dedup, then a JS Set keeping first occurrences.
      const noDedup = await collect(clean(lines, { lineBreaks: 'space', steps: { dedup: false } }));
      const seen = new Set<string>();
      const firsts = noDedup.filter((d) => (seen.has(d) ? false : (seen.add(d), true)));
      expect(out).toEqual(firsts);
      expect(r.steps.dedup.dropped).toBe(noDedup.length - firsts.length);

      // Idempotent on real text.
      const again = new Cleaner({ lineBreaks: 'space', steps: { dedup: false } });
      const changed = out.filter((d) => again.cleanText(d).text !== d);
      expect(changed.slice(0, 5)).toEqual([]);
    });
  }

  const prec = sharedFile('corpora/korean-precedents/precedents_paragraphs.txt', 'clean e2e');
  it.skipIf(!prec)('multi-paragraph JSONL-style documents keep their line breaks and other fields', async () => {
    const lines = await head(prec as string, 6_000);
    const docs: { id: number; text: string; src: string }[] = [];
    for (let i = 0; i < lines.length; i += 6) docs.push({ id: i, text: lines.slice(i, i + 6).join('\n'), src: 'precedents' });
    const run = clean(docs);
    const out = await collect(run);
    checkOutput(out.map((d) => d.text), run.report, true);
    const byId = new Map(docs.map((d) => [d.id, d]));
    let withBreaks = 0;
    for (const d of out) {
      const src = byId.get(d.id);
      expect(src).toBeDefined();
      expect(Object.keys(d)).toEqual(['id', 'text', 'src']);
      expect(d.src).toBe('precedents');
      // Paragraphs are kept: one line per non-empty source paragraph (blank ones fold away).
      const nonEmpty = (src as { text: string }).text.split('\n').filter((l) => l.trim().replace(/^-{3,}$/, '') !== '').length;
      expect(d.text.split('\n').length).toBe(nonEmpty);
      if (d.text.includes('\n')) withBreaks++;
    }
    expect(withBreaks).toBeGreaterThan(out.length * 0.9);
  });
});
