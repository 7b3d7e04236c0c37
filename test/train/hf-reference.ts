// Test support: the parity oracle. Trains with Hugging Face `tokenizers` (npm, Rust via napi) —
// whose Node binding only trains with `BpeTrainer` defaults — and pre-tokenizes with its own
// pre-tokenizers, so the merge core can be checked independently of our pre-tokenizer.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const hf = require('tokenizers') as typeof import('tokenizers');
export const HF_VERSION: string = (require('tokenizers/package.json') as { version: string }).version;

/** The Polyglot-Ko pipeline with an empty BPE model, as tokenizer.json. */
export function emptyPolyglotJson(): string {
  return JSON.stringify({
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [],
    normalizer: null,
    pre_tokenizer: {
      type: 'Sequence',
      pretokenizers: [
        { type: 'Split', pattern: { String: '\u0CF1' }, behavior: 'Removed', invert: false },
        { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
      ],
    },
    post_processor: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: false, use_regex: true },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: null, end_of_word_suffix: null, fuse_unk: false, byte_fallback: false, ignore_merges: false, vocab: {}, merges: [] },
  });
}

export interface TrainedModel {
  vocab: string[];
  merges: Array<[string, string]>;
  /** The whole tokenizer.json the reference saved after training. */
  json: Record<string, unknown>;
}

/** `Tokenizer.train(files)` of the reference: BpeTrainer defaults (vocab 30000, min frequency 0, …). */
export function hfTrain(files: string[]): TrainedModel {
  const t = hf.Tokenizer.fromString(emptyPolyglotJson());
  t.train(files);
  const dir = mkdtempSync(join(tmpdir(), 'mbbpe-hf-'));
  try {
    t.save(join(dir, 't.json'), false);
    const json = JSON.parse(readFileSync(join(dir, 't.json'), 'utf8')) as Record<string, unknown>;
    const model = json.model as { vocab: Record<string, number>; merges: Array<[string, string]> };
    const vocab: string[] = [];
    for (const [tok, id] of Object.entries(model.vocab)) vocab[id] = tok;
    return { vocab, merges: model.merges, json };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Taken from a tokenizer built from the same JSON, so the oracle's pipeline cannot drift from it.
const refPre = hf.Tokenizer.fromString(emptyPolyglotJson()).getPreTokenizer()!;

/** Lines as HF's `train_from_files` reads them: split after each '\n', endings kept. */
export function linesWithEnding(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (;;) {
    const nl = text.indexOf('\n', from);
    if (nl < 0) break;
    out.push(text.slice(from, nl + 1));
    from = nl + 1;
  }
  if (from < text.length) out.push(text.slice(from));
  return out;
}

/** Word counts of `text` made with the reference's own pre-tokenizer. */
export function refWordCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of linesWithEnding(text))
    for (const [w] of refPre.preTokenizeString(line)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}
