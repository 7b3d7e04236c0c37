// Compares the shipped vocab/mbbpe-ko-30k tokenizer with the published Polyglot-Ko one on held-out
// text: tokens per character, tokens per eojeol (whitespace-separated word), vocabulary overlap.
// Encodes with Hugging Face `tokenizers` (npm) so the figures do not depend on our runtime.
//   node bench/train-vocab-compare.mjs [--ours PATH] [--theirs PATH]
// Held-out sets: the lines of ../shared/corpora that the default vocabulary was NOT trained on (the
// last 20,000 NSMC reviews, the last 2,000 precedent paragraphs), plus two corpora it never saw.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const shared = resolve(repo, '../shared');
const { values: v } = parseArgs({
  options: {
    ours: { type: 'string', default: resolve(repo, 'vocab/mbbpe-ko-30k/tokenizer.json') },
    theirs: { type: 'string', default: resolve(shared, 'vocab/polyglot-ko/tokenizer.json') },
  },
});
const { Tokenizer } = createRequire(import.meta.url)('tokenizers');

function lines(rel, from, count) {
  const all = readFileSync(resolve(shared, 'corpora', rel), 'utf8').split('\n');
  if (all.at(-1) === '') all.pop();
  return from < 0 ? all.slice(from) : all.slice(from, from + count);
}

const sets = {
  'nsmc held-out (last 20,000 lines)': lines('nsmc/nsmc_raw_reviews.txt', -20000),
  'precedents held-out (last 2,000 lines)': lines('korean-precedents/precedents_paragraphs.txt', -2000),
  'klue-dev (unseen corpus)': lines('klue-dev/klue_dev_sentences.txt', 0, 5000),
  'news_ko (unseen corpus)': lines('korean-english-news/news_ko.txt', 0, 5000),
};

const toks = { ours: Tokenizer.fromFile(v.ours), polyglot: Tokenizer.fromFile(v.theirs) };
const vocabOf = (p) => new Set(Object.keys(JSON.parse(readFileSync(p, 'utf8')).model.vocab));
const a = vocabOf(v.ours);
const b = vocabOf(v.theirs);
const shared_ = [...a].filter((t) => b.has(t)).length;
console.log(`model vocabulary: ours ${a.size}, polyglot-ko ${b.size}, shared ${shared_} (${((100 * shared_) / b.size).toFixed(1)}%)`);
console.log('| text | chars | eojeols | ours tok/char | polyglot tok/char | ours tok/eojeol | polyglot tok/eojeol |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const [name, ls] of Object.entries(sets)) {
  let chars = 0;
  let eojeols = 0;
  const n = { ours: 0, polyglot: 0 };
  for (const line of ls) {
    chars += [...line].length;
    eojeols += line.split(/\s+/).filter(Boolean).length;
  }
  for (const k of Object.keys(toks)) {
    const encs = await toks[k].encodeBatch(ls);
    for (const e of encs) n[k] += e.getIds().length;
  }
  const f = (x) => x.toFixed(3);
  console.log(`| ${name} | ${chars} | ${eojeols} | ${f(n.ours / chars)} | ${f(n.polyglot / chars)} | ${f(n.ours / eojeols)} | ${f(n.polyglot / eojeols)} |`);
}
