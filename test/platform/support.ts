// Shared by the platform suites: where the built entries and the installed runtimes are, the input
// every platform encodes, Node's expectation (the same built package run in this process), and a
// comparison that names the first differing line. Runtimes are installed by
// scripts/platforms-install.sh into .cache/platforms (MBBPE_PLATFORMS_DIR overrides); a missing one
// is a loud SKIP locally and a failure when CI is set.

import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import { polyglotVariants } from '../runtime/configs.js';
import { repoRoot, sharedFile } from '../support/shared.js';
import { job, type JobInput, type JobResult, type Lib } from './job.js';

export const platformsDir = resolve(repoRoot, process.env['MBBPE_PLATFORMS_DIR'] ?? '.cache/platforms');
export const jobFile = join(repoRoot, 'test/platform/job.ts');
export const inCI = Boolean(process.env['CI']);
export const INSTALL_HINT = 'run `bash scripts/platforms-install.sh` (what .ci/run does)';

/** The entries checked everywhere: the package's own export targets, so any build layout works. */
export type EntryName = 'mbbpe' | 'mbbpe/runtime';
export const ENTRIES: EntryName[] = ['mbbpe/runtime', 'mbbpe'];

/** Absolute path of the ESM file `name` resolves to through package.json "exports". */
export function entryFile(name: EntryName): string {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
  const key = name === 'mbbpe' ? '.' : `./${name.slice('mbbpe/'.length)}`;
  const target = pick(pkg.exports[key]);
  if (!target) throw new Error(`package.json exports has no ESM target for ${key}`);
  const file = resolve(repoRoot, target);
  if (!existsSync(file)) throw new Error(`${name} → ${target} is not built: run \`npm run build\` first`);
  return file;
}

// The ESM file of an exports condition object ({ import: { default } } or { import: "…" } or "…").
function pick(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  for (const k of ['browser', 'import', 'default']) {
    const r = k in o ? pick(o[k]) : null;
    if (r && /\.m?js$/.test(r)) return r;
  }
  return null;
}

/**
 * An installed tool's path, or null. Null prints a loud SKIP locally; in CI the caller's test must
 * fail, so `need` throws there.
 */
export function findTool(label: string, candidates: string[]): string | null {
  const hit = candidates.find((c) => c && existsSync(c)) ?? null;
  if (!hit) {
    const msg = `\n*** ${inCI ? 'FAIL' : 'SKIP'} (platform ${label}): not installed (looked at ${candidates.filter(Boolean).join(', ')}) — ${INSTALL_HINT} ***\n\n`;
    process.stderr.write(msg);
  }
  return hit;
}

export function need(label: string, path: string | null): string {
  if (!path) throw new Error(`platform ${label} is not installed and CI is set: ${INSTALL_HINT}`);
  return path;
}

export const bin = (name: string): string => join(platformsDir, 'node_modules/.bin', name);

// ---- input -------------------------------------------------------------------------------------

const CORPORA = [
  'corpora/klue-dev/klue_dev_sentences.txt',
  'corpora/nsmc/nsmc_raw_reviews.txt',
  'corpora/korean-english-news/news_ko.txt',
  'corpora/korean-english-news/news_en.txt',
  'corpora/korean-english-news/news_northkorean_ko.txt',
  'corpora/nsmc-nfd/nsmc_sample_NFD_DERIVED.txt',
  'corpora/chatbot-data/questions.txt',
  'corpora/korean-precedents/precedents_paragraphs.txt',
  'corpora/english-tinyshakespeare/tinyshakespeare_lines.txt',
];
const PER_FILE = 36;

// Inputs where platforms could differ: regex classes, surrogates, NUL, CRLF, added tokens, the
// morpheme marker U+0CF1, combining jamo, a long line without spaces.
const EDGE = [
  '',
  ' ',
  '   \t\n  ',
  '안녕하세요\r\n반갑습니다\r\n',
  '<|endoftext|>안녕<|sep|> 하세요<|unused0|>',
  'ೱ형태소ೱ경계ೱ',
  '\u0000가\u0000',
  '\ud800 외톨이 서로게이트 \udfff',
  '👩‍👩‍👧‍👦 가족 🇰🇷 ﷽',
  'ᄒᆞᆫ글 옛한글 ᄀᆞᄅᆞᆷ',
  'Ǆ ǅ ǆ İstanbul ΣΑΣ ß ﬁ Ⅻ ①',
  "I'll've can't WON'T 123456789 3.14 ١٢٣",
  '가나다라abc한국어12'.repeat(400),
];

let cachedInput: JobInput | null | undefined;

/** The input, or null (after a SKIP line) when ../shared is absent. */
export function platformInput(): JobInput | null {
  if (cachedInput !== undefined) return cachedInput;
  const poly = sharedFile('vocab/polyglot-ko/tokenizer.json', 'platform');
  const files = CORPORA.map((c) => sharedFile(c, 'platform'));
  if (!poly || files.some((f) => f === null)) return (cachedInput = null);
  const lines = [...files.flatMap((f) => sample(f!, PER_FILE)), ...EDGE];
  const polyJson = readFileSync(poly, 'utf8');
  const base = JSON.parse(polyJson) as Record<string, unknown>;
  const variants = new Map(polyglotVariants(base));
  const variant = (name: string): string => JSON.stringify(variants.get(name) ?? fail(name));
  cachedInput = {
    lines,
    tokenizers: [
      { name: 'polyglot-ko', json: polyJson, allLoaders: true },
      { name: 'mbbpe-ko-30k (default vocab)', json: readFileSync(join(repoRoot, 'vocab/mbbpe-ko-30k/tokenizer.json'), 'utf8'), allLoaders: true },
      // General path: a Unicode-property regex split (JSC in Bun vs V8), normalizers, added-token flags.
      { name: 'polyglot-ko as Llama-3 style', json: variant('Llama-3 style') },
      { name: 'polyglot-ko NFKD+Lowercase+Replace, flagged added tokens', json: mixed(variants) },
    ],
  };
  return cachedInput;
}

function fail(name: string): never {
  throw new Error(`test/runtime/configs.ts has no variant ${name}`);
}

function mixed(variants: Map<string, Record<string, unknown>>): string {
  const flags = variants.get('added tokens with flags') ?? fail('added tokens with flags');
  const norm = variants.get('Sequence NFKD+Lowercase+Replace') ?? fail('Sequence NFKD+Lowercase+Replace');
  return JSON.stringify({ ...flags, normalizer: norm['normalizer'] });
}

// Long paragraphs cost time on every platform without adding cases: keep the first 1,200 code points.
const cap = (line: string): string => Array.from(line).slice(0, 1200).join('');

// `n` non-empty lines spread evenly over the first 2 MB of a file (whole lines only).
function sample(file: string, n: number): string[] {
  const buf = Buffer.alloc(2 << 20);
  const fd = openSync(file, 'r');
  const got = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  const text = buf.subarray(0, got).toString('utf8');
  const all = text.split('\n').slice(0, got === buf.length ? -1 : undefined).filter((l) => l.trim() !== '');
  const step = Math.max(1, Math.floor(all.length / n));
  const out: string[] = [];
  for (let i = 0; i < all.length && out.length < n; i += step) out.push(cap(all[i]!));
  return out;
}

// ---- expectation and comparison --------------------------------------------------------------------

const expected = new Map<EntryName, JobResult[]>();

/** Node's results for `entry`: the built file imported in this process, the same job run on it. */
export async function nodeExpected(entry: EntryName, input: JobInput): Promise<JobResult[]> {
  let r = expected.get(entry);
  if (!r) {
    const lib = (await import(pathToFileURL(entryFile(entry)).href)) as Lib;
    r = job(lib, input);
    expected.set(entry, r);
  }
  return r;
}

/** Asserts `got` equals `want`, naming the tokenizer, field and first line that differ. */
export function expectSame(platform: string, want: JobResult[], got: JobResult[], input: JobInput): void {
  expect(got.map((r) => r.name)).toEqual(want.map((r) => r.name));
  for (let t = 0; t < want.length; t++) {
    const w = want[t]!;
    const g = got[t]!;
    expect(g.loaderMismatches, `${platform} ${w.name}: bytes/snapshot loaders disagree on lines`).toEqual([]);
    expect(g.vocabSize).toBe(w.vocabSize);
    for (const field of ['ids', 'offsets', 'decoded', 'streamed'] as const) {
      const i = w[field].findIndex((v, k) => JSON.stringify(v) !== JSON.stringify(g[field][k]));
      const where = i < 0 ? '' : `line ${i} ${JSON.stringify(input.lines[i]!.slice(0, 80))}`;
      expect(g[field][i < 0 ? 0 : i], `${platform} vs Node, ${w.name}, ${field}: ${where}`).toEqual(w[field][i < 0 ? 0 : i]);
      expect(g[field].length).toBe(w[field].length);
    }
  }
}

/** Sum of token counts, for the log line each suite prints. */
export const tokenCount = (r: JobResult[]): number => r.reduce((n, t) => n + t.ids.reduce((m, x) => m + x.length, 0), 0);

/**
 * One ESM file holding `entry` (the built dist file, so whatever the build layout) and the job, as
 * a browser or worker bundler would make it. esbuild fails on any Node builtin it meets.
 * `head` is the bundle's own source (it imports `entry` as `lib` and `job`); names listed in
 * `external` stay imports.
 */
export async function bundleJob(entry: EntryName, head: string, external: string[] = []): Promise<string> {
  const { build } = await import('esbuild');
  const src = `import * as lib from ${JSON.stringify(entryFile(entry))};\nimport { job } from ${JSON.stringify(jobFile)};\n${head}`;
  const out = await build({
    stdin: { contents: src, resolveDir: repoRoot, loader: 'js', sourcefile: 'platform-entry.js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external,
    logLevel: 'silent',
  });
  const js = out.outputFiles[0]!.text;
  expect(js, 'the bundle names a node: module').not.toMatch(/\bfrom\s*["']node:|require\(["']node:/);
  return js;
}
