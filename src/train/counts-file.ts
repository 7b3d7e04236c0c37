// Word-count files, the unit of distributed counting: `mbbpe count` writes the counts of a corpus or
// of one `--shard K/N` of it, `mbbpe count --merge` sums them (merge.ts), `mbbpe train --from-counts`
// trains on the sum. The format is counts/format.ts; this module ties it to the trainer: the
// settings recorded in a header, and checking a set of files before summing it. Node-only.

import type { CleanOptions } from '../clean/options.js';
import { checkComplete, checkSettings, combineSources, sumHeaders, type Expected, type NamedHeader } from './counts/check.js';
import type { CountsSettings, CountsSource } from './counts/format.js';
import { readCountsHeader, readCountsInto, type ReadHeader } from './counts/read.js';
import { compareCodePoints, type CountTable } from './counts/table.js';
import { writeCounts, type HeaderFields } from './counts/write.js';
import { TrainConfigError } from './errors.js';
import type { Preset } from './presets.js';
import { dictionaryId } from './sources.js';

export { COUNTS_FORMAT, COUNTS_VERSION, canonicalJson, type CountsHeader, type CountsSettings, type CountsSource } from './counts/format.js';
export type { ReadHeader } from './counts/read.js';

/** A table or a plain Map (what `countWords` returns today). */
export type Counts = CountTable | ReadonlyMap<string, number>;

function sortedOf(counts: Counts): Iterable<readonly [string, number]> {
  if ('sortedEntries' in counts) return counts.sortedEntries();
  return [...counts].sort((a, b) => compareCodePoints(a[0], b[0]));
}

/** Writes `counts` as a count file (atomically, entries in code-point order). */
export async function writeCountsFile(path: string, counts: Counts, header: HeaderFields): Promise<void> {
  await writeCounts(path, header, sortedOf(counts));
}

/** Reads one count file completely (checksum verified), adding its counts into `into`; returns its header. */
export async function readCountsFile(path: string, into: Map<string, number> | Pick<CountTable, 'add'>): Promise<ReadHeader> {
  const sink = into instanceof Map ? { add: (w: string, c: number) => void into.set(w, (into.get(w) ?? 0) + c) } : into;
  return readCountsInto(path, sink);
}

/**
 * The cleaning options as recorded (the dedup set is storage, not a setting). `clean` + `shard`:
 * exact dedup compares every line with every earlier one, which N separate jobs cannot do — it is
 * allowed only with dedup switched off, when every cleaning step looks at one line alone.
 */
export function cleanSetting(clean: boolean | CleanOptions | undefined, sharded: boolean): false | Record<string, unknown> {
  if (!clean) return false;
  const { dedupSet: _d, ...rest } = clean === true ? {} : clean;
  if (sharded && rest.steps?.dedup !== false)
    throw new TrainConfigError(
      'clean',
      'duplicate lines cannot be dropped across shards (each job sees only its share)',
      "clean the corpus first with 'mbbpe clean', then count the cleaned files with --shard (or pass clean: { steps: { dedup: false } })",
    );
  return rest as Record<string, unknown>;
}

export interface SettingsInput {
  preset: Preset;
  segment: 'mecab' | 'none';
  /** The dictionary directory used when segmenting (resolved by the caller). */
  dicDir?: string;
  userDicDirs?: readonly string[];
  clean: false | Record<string, unknown>;
}

/** The settings a count file records. */
export async function countSettings(s: SettingsInput): Promise<CountsSettings> {
  const seg = s.segment === 'mecab';
  return {
    preset: s.preset.name,
    pre_tokenizer: s.preset.preTokenizer,
    segment: s.segment,
    dictionary: seg && s.dicDir !== undefined ? await dictionaryId(s.dicDir) : null,
    user_dictionaries: seg ? await Promise.all((s.userDicDirs ?? []).map(dictionaryId)) : [],
    clean: s.clean,
  };
}

export interface CountSet {
  files: NamedHeader[];
  sources: CountsSource[];
  /** Header fields of the sum. */
  sum: HeaderFields;
}

/**
 * Reads the headers of `files` and checks they may be summed: same settings (and the expected preset
 * and segment), no shard twice, and with `complete` every shard of each split present. Truncated
 * files fail here; damage inside a file fails when it is read (its checksum).
 */
export async function openCountSet(files: readonly string[], expected: Expected, complete: boolean, versionCheck?: (f: NamedHeader) => void): Promise<CountSet> {
  const named: NamedHeader[] = [];
  for (const file of files) named.push({ file, header: await readCountsHeader(file) });
  if (versionCheck) named.forEach(versionCheck);
  checkSettings(named, expected);
  const { sources, states } = combineSources(named);
  if (complete) checkComplete(states);
  return { files: named, sources, sum: sumHeaders(named, sources) as HeaderFields };
}

/** Sums the counts of a checked set into `into`, file by file. */
export async function sumCountSet(set: CountSet, into: Pick<CountTable, 'add'>, onFile?: (done: number, total: number) => void): Promise<void> {
  for (const [i, f] of set.files.entries()) {
    await readCountsInto(f.file, into);
    onFile?.(i + 1, set.files.length);
  }
}
