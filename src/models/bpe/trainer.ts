// The BPE merge core: word counts in, vocabulary and merges out, following the phases of Hugging
// Face's `BpeTrainer` (tokenizers/src/models/bpe/trainer.rs) so the result is identical to theirs:
// 1. special tokens, 2. alphabet, 3. words as symbol ids, 4. pair counts, 5. merges (train-pairs.ts).
// It does not read files, pre-tokenize or count words (src/train/ does), and has no
// continuing-subword prefix, end-of-word suffix, alphabet limit or token-length limit.

import { TrainConfigError } from './errors.js';
import { MAX_IDS, PairIndex } from './train-pairs.js';
import { arenaFromBytes, arenaFromStrings, assignIds, isByteLevelWordSource, type ByteLevelWordSource, type WordArena } from './train-words.js';

export type { ByteLevelWordSource, WordArena } from './train-words.js';

export interface BpeTrainerOptions {
  /** Target vocabulary size, special tokens and alphabet included. Default 30000 (HF default). */
  vocabSize?: number;
  /** A pair seen fewer times than this is never merged. Default 0 (HF default). */
  minFrequency?: number;
  /** Tokens placed first, ids 0..n-1, in this order. Default none. Duplicates are an error. */
  specialTokens?: readonly string[];
  /** Single characters put in the alphabet even when the corpus lacks them. Default none. */
  initialAlphabet?: Iterable<string>;
  /**
   * Words seen fewer times are dropped before the merge phase. Default 0 (keep all, as HF does):
   * above 1 this DEPARTS from Hugging Face, trading exactness for memory on huge corpora.
   */
  minWordCount?: number;
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
  /** Words (and their occurrences) left out by `minWordCount`; 0 without it. */
  droppedWords: number;
  droppedOccurrences: number;
  /** Peak bytes of the pair counts, candidate heap and position lists (for memory reports). */
  pairIndexBytes: number;
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

/** The alphabet: every character of every word plus the initial alphabet, as sorted code points. */
function computeAlphabet(present: readonly number[], initial: Iterable<string> | undefined): number[] {
  const cps = new Set<number>(present);
  for (const ch of initial ?? []) {
    const cp = ch.codePointAt(0);
    if (cp === undefined || String.fromCodePoint(cp) !== ch)
      throw new TrainConfigError('initialAlphabet', `${JSON.stringify(ch)} is not a single character`, 'give one character per entry');
    cps.add(cp);
  }
  // PARITY: HF sorts the alphabet by code point before giving ids (`sort_unstable_by_key(c as u32)`).
  return [...cps].sort((a, b) => a - b);
}

/**
 * Train BPE merges on `wordCounts` (word → how often it occurs; counts are positive integers). A
 * byte-level count table (`ByteCountTable('byte-level')`) is read through its bytes, without a
 * string per word.
 */
export function trainBpe(wordCounts: Iterable<readonly [string, number]> | ByteLevelWordSource, options: BpeTrainerOptions = {}): BpeTrainResult {
  const checked = checkOptions(options);
  return trainWordArena(wordArena(wordCounts, options), options, checked);
}

/** Phase 3 alone: the words as symbols (for callers that free the counts before the merge phase). */
export function wordArena(wordCounts: Iterable<readonly [string, number]> | ByteLevelWordSource, options: Pick<BpeTrainerOptions, 'minWordCount'> = {}): WordArena {
  const min = options.minWordCount ?? 0;
  if (!Number.isSafeInteger(min) || min < 0) throw new TrainConfigError('minWordCount', `${min} is not a whole number >= 0`, 'pass 0 to keep every word');
  return isByteLevelWordSource(wordCounts) ? arenaFromBytes(wordCounts, min) : arenaFromStrings(wordCounts as Iterable<readonly [string, number]>, min);
}

/** Phases 1, 2, 4, 5 on words made by `wordArena` (which it takes over: its symbols are rewritten). */
export function trainWordArena(arena: WordArena, options: BpeTrainerOptions = {}, checked = checkOptions(options)): BpeTrainResult {
  const { vocabSize, minFrequency, specials } = checked;
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
  const alphabet = computeAlphabet(arena.alphabet, options.initialAlphabet);
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

  // 3. Words as symbol ids, 4. pair counts (in PairIndex).
  assignIds(arena, bmpId, astralId, vocabSize); // ids stay below vocabSize
  const nWords = arena.start.length;
  const pairs = new PairIndex(arena.sym, arena.start, arena.len, arena.counts, vocabSize);

  // 5. Merges, until the vocabulary is full or no pair is frequent enough.
  const mergeList: number[] = []; // flat (left, right) ids by rank
  const wanted = vocabSize - id2w.length;
  const report = options.onProgress;
  while (id2w.length < vocabSize) {
    // The heap is ordered by count, so the first up-to-date candidate under the minimum ends training.
    if (!pairs.next() || pairs.topCount < 1 || minFrequency > pairs.topCount) break;
    const left = pairs.topLeft;
    const right = pairs.topRight;
    const newId = intern(id2w[left]! + id2w[right]!);
    mergeList.push(left, right);
    pairs.mergeTop(newId);
    if (report && (mergeList.length / 2) % 256 === 0) report(mergeList.length / 2, wanted);
  }
  if (report) report(mergeList.length / 2, wanted);
  return {
    vocab: id2w,
    merges: collapseMerges(mergeList, id2w),
    alphabetSize: alphabet.length,
    words: nWords,
    mergeSteps: mergeList.length / 2,
    droppedWords: arena.droppedWords,
    droppedOccurrences: arena.droppedOccurrences,
    pairIndexBytes: pairs.peakBytes,
  };
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
