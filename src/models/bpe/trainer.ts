// The BPE merge core: word counts in, vocabulary and merges out, following the phases of Hugging
// Face's `BpeTrainer` (tokenizers/src/models/bpe/trainer.rs) so the result is identical to theirs:
// 1. special tokens, 2. alphabet, 3. words as symbol ids, 4. pair counts, 5. merges (train-pairs.ts).
// It does not read files, pre-tokenize or count words (src/train/ does), and has no
// continuing-subword prefix, end-of-word suffix, alphabet limit or token-length limit.

import { TrainConfigError } from './errors.js';
import { MAX_IDS, PairIndex } from './train-pairs.js';

export interface BpeTrainerOptions {
  /** Target vocabulary size, special tokens and alphabet included. Default 30000 (HF default). */
  vocabSize?: number;
  /** A pair seen fewer times than this is never merged. Default 0 (HF default). */
  minFrequency?: number;
  /** Tokens placed first, ids 0..n-1, in this order. Default none. Duplicates are an error. */
  specialTokens?: readonly string[];
  /** Single characters put in the alphabet even when the corpus lacks them. Default none. */
  initialAlphabet?: Iterable<string>;
  /** Called as the merge loop advances (every 256 merges and at the end). */
  onProgress?: (mergesDone: number, mergesWanted: number) => void;
}

export interface BpeTrainResult {
  /** Token string of each id; ids are dense: special tokens, then the alphabet, then merges. */
  vocab: string[];
  /** Merges by rank, as (left, right) token strings. */
  merges: Array<[string, string]>;
  /** Size of the alphabet found (initial alphabet included, special tokens excluded). */
  alphabetSize: number;
  /** Distinct words trained on. */
  words: number;
  /** Merge steps taken; above `merges.length` when a pair was merged twice (see collapseMerges). */
  mergeSteps: number;
}

function checkOptions(o: BpeTrainerOptions): { vocabSize: number; minFrequency: number; specials: string[] } {
  const vocabSize = o.vocabSize ?? 30000;
  const minFrequency = o.minFrequency ?? 0;
  if (!Number.isSafeInteger(vocabSize) || vocabSize < 1 || vocabSize >= MAX_IDS)
    throw new TrainConfigError('vocabSize', `${vocabSize} is not an integer in 1..${MAX_IDS - 1}`, 'pass a positive whole number such as 30000');
  if (!Number.isSafeInteger(minFrequency) || minFrequency < 0)
    throw new TrainConfigError('minFrequency', `${minFrequency} is not a whole number >= 0`, 'pass 0 to merge any pair seen at least once');
  const specials = [...(o.specialTokens ?? [])];
  const seen = new Set<string>();
  for (const t of specials) {
    if (t.length === 0) throw new TrainConfigError('specialTokens', 'an empty string is not a token', 'remove the empty entry');
    if (seen.has(t)) throw new TrainConfigError('specialTokens', `${JSON.stringify(t)} is listed twice`, 'list each special token once');
    seen.add(t);
  }
  return { vocabSize, minFrequency, specials };
}

/** The sorted code points of the alphabet: every character of every word plus the initial alphabet. */
function computeAlphabet(words: readonly string[], initial: Iterable<string> | undefined): number[] {
  const cps = new Set<number>();
  for (const w of words) for (const ch of w) cps.add(ch.codePointAt(0)!);
  for (const ch of initial ?? []) {
    const cp = ch.codePointAt(0);
    if (cp === undefined || String.fromCodePoint(cp) !== ch)
      throw new TrainConfigError('initialAlphabet', `${JSON.stringify(ch)} is not a single character`, 'give one character per entry');
    cps.add(cp);
  }
  // PARITY: HF sorts the alphabet by code point before giving ids (`sort_unstable_by_key(c as u32)`).
  return [...cps].sort((a, b) => a - b);
}

/** Train BPE merges on `wordCounts` (word → how often it occurs; counts are positive integers). */
export function trainBpe(wordCounts: Iterable<readonly [string, number]>, options: BpeTrainerOptions = {}): BpeTrainResult {
  const { vocabSize, minFrequency, specials } = checkOptions(options);
  const words: string[] = [];
  const countList: number[] = [];
  for (const [w, c] of wordCounts) {
    if (!Number.isSafeInteger(c) || c < 1)
      throw new TrainConfigError('wordCounts', `count ${c} of word ${JSON.stringify(w)} is not a positive integer`, 'drop words that never occur');
    words.push(w);
    countList.push(c);
  }

  // 1. Special tokens, 2. alphabet — both go through the same string → id map, as in HF.
  const id2w: string[] = [];
  const w2id = new Map<string, number>();
  const intern = (s: string): number => {
    let id = w2id.get(s);
    if (id === undefined) {
      id = id2w.length;
      id2w.push(s);
      w2id.set(s, id);
    }
    return id;
  };
  for (const t of specials) intern(t);
  const alphabet = computeAlphabet(words, options.initialAlphabet);
  // Code point → id: a flat table for the BMP (byte-level text never leaves it), a map above.
  const bmpId = new Int32Array(0x10000).fill(-1);
  const astralId = new Map<number, number>();
  for (const cp of alphabet) {
    const id = intern(String.fromCodePoint(cp));
    if (cp < 0x10000) bmpId[cp] = id;
    else astralId.set(cp, id);
  }
  if (vocabSize < id2w.length)
    throw new TrainConfigError(
      'vocabSize',
      `${vocabSize} is smaller than the ${specials.length} special tokens plus the ${alphabet.length}-character alphabet`,
      `pass a vocab size of at least ${id2w.length}`,
    );

  // 3. Words as symbol-id slices of one buffer, 4. pair counts (in PairIndex).
  const nWords = words.length;
  const start = new Uint32Array(nWords);
  const len = new Uint32Array(nWords);
  let total = 0;
  for (const w of words) total += w.length; // UTF-16 length >= code points: a safe upper bound
  const sym = new Uint32Array(total);
  let at = 0;
  for (let i = 0; i < nWords; i++) {
    start[i] = at;
    const w = words[i]!;
    for (let k = 0; k < w.length; k++) {
      const c = w.charCodeAt(k);
      // A surrogate pair is one character; a lone surrogate is its own (as `for…of` sees them).
      if (c >= 0xd800 && c <= 0xdbff && k + 1 < w.length) {
        const lo = w.charCodeAt(k + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          sym[at++] = astralId.get(0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00))!;
          k++;
          continue;
        }
      }
      sym[at++] = bmpId[c]!;
    }
    len[i] = at - start[i]!;
  }
  words.length = 0; // the strings are no longer needed; let them go before the long phase
  const pairs = new PairIndex(sym, start, len, Float64Array.from(countList), vocabSize); // ids stay below vocabSize

  // 5. Merges, until the vocabulary is full or no pair is frequent enough.
  const mergeList: number[] = []; // flat (left, right) ids by rank
  const wanted = vocabSize - id2w.length;
  const report = options.onProgress;
  while (id2w.length < vocabSize) {
    const top = pairs.next();
    // The heap is ordered by count, so the first up-to-date candidate under the minimum ends training.
    if (top === undefined || top.count < 1 || minFrequency > top.count) break;
    const newId = intern(id2w[top.left]! + id2w[top.right]!);
    mergeList.push(top.left, top.right);
    pairs.mergeWords(top, newId);
    if (report && (mergeList.length / 2) % 256 === 0) report(mergeList.length / 2, wanted);
  }
  if (report) report(mergeList.length / 2, wanted);
  return { vocab: id2w, merges: collapseMerges(mergeList, id2w), alphabetSize: alphabet.length, words: nWords, mergeSteps: mergeList.length / 2 };
}

/**
 * The merges as HF serializes them: HF collects them into a map keyed by pair, then sorts by rank,
 * so a pair merged twice would keep only its last rank. That needs two candidates for one pair,
 * which needs a merge that spells an existing token; no corpus or generated input we tried does it
 * (test/train/trainer-fuzz.test.ts counts such runs), so this is kept for safety, not proven parity.
 */
function collapseMerges(flat: readonly number[], id2w: readonly string[]): Array<[string, string]> {
  const last = new Map<number, number>();
  for (let i = 0; i < flat.length; i += 2) last.set(flat[i]! * MAX_IDS + flat[i + 1]!, i);
  const out: Array<[string, string]> = [];
  for (let i = 0; i < flat.length; i += 2) {
    const l = flat[i]!;
    const r = flat[i + 1]!;
    if (last.get(l * MAX_IDS + r) === i) out.push([id2w[l]!, id2w[r]!]);
  }
  return out;
}
