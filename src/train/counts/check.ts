// Decides whether a set of count files may be summed, from their headers alone (before any long
// work): same settings everywhere, no shard given twice, and — for training — no shard of a set
// missing. It also builds the header of their sum. Pure; the errors name the files concerned.

import { CountsSetError } from '../errors.js';
import type { PresetName } from '../presets.js';
import { canonicalJson, describeSetting, SETTING_KEYS, type CountsSource } from './format.js';
import type { ReadHeader } from './read.js';

export interface NamedHeader {
  file: string;
  header: ReadHeader;
}

/** What the caller asked for (`train --preset/--segment`); unset fields are taken from the files. */
export interface Expected {
  preset?: PresetName;
  segment?: 'mecab' | 'none';
}

const LEGACY_KEYS = ['pre_tokenizer', 'segment', 'clean'] as const;
const SAME = 'count every shard with the same --preset, --segment, dictionaries and --clean';

/** Throws unless every file was made with the same settings (and the expected preset/segment). */
export function checkSettings(files: readonly NamedHeader[], expected: Expected = {}): void {
  const first = files[0];
  if (!first) return;
  for (const f of files) {
    const s = f.header.settings;
    if (expected.preset !== undefined && s.preset !== null && s.preset !== expected.preset)
      throw new CountsSetError([f.file], `counted with --preset ${s.preset}, not ${expected.preset}`, `train with --preset ${s.preset} (or leave --preset out), or count again with --preset ${expected.preset}`);
    if (expected.segment !== undefined && s.segment !== expected.segment)
      throw new CountsSetError([f.file], `counted with --segment ${s.segment}, not ${expected.segment}`, 'drop --segment (it is read from the counts) or count again');
  }
  for (const f of files.slice(1)) {
    const a = first.header.settings;
    const b = f.header.settings;
    // Version 1 files recorded neither preset nor dictionaries: compare what they did record.
    const legacy = a.preset === null || b.preset === null;
    const keys = legacy ? LEGACY_KEYS : SETTING_KEYS;
    const k = keys.find((x) => canonicalJson(a[x]) !== canonicalJson(b[x]));
    if (k !== undefined)
      throw new CountsSetError([first.file, f.file], `made with different settings: ${describeSetting(a, k)} vs ${describeSetting(b, k)}`, SAME);
  }
}

interface SourceState {
  source: CountsSource;
  /** Shard index → the file holding it. */
  owner: Map<number, string>;
}

/** Joins the sources of all files; throws on a shard given twice or a split that disagrees. */
export function combineSources(files: readonly NamedHeader[]): { sources: CountsSource[]; states: SourceState[] } {
  const byPrint = new Map<string, SourceState>();
  for (const f of files) {
    for (const src of f.header.sources) {
      let st = byPrint.get(src.fingerprint);
      if (!st) {
        st = { source: { ...src, parts: [] }, owner: new Map() };
        byPrint.set(src.fingerprint, st);
      } else if (st.source.n !== src.n) {
        const other = st.owner.values().next().value ?? '?';
        throw new CountsSetError([other, f.file], `the same inputs cut into ${st.source.n} and into ${src.n} shards`, 'sum shards of one --shard K/N split (the same N everywhere)');
      }
      for (const k of src.parts) {
        const prev = st.owner.get(k);
        if (prev !== undefined)
          throw new CountsSetError([prev, f.file], src.n === 1 ? 'the same inputs counted twice' : `both hold shard ${k}/${src.n} of the same inputs`, 'give each shard once');
        st.owner.set(k, f.file);
      }
    }
  }
  const states = [...byPrint.values()];
  for (const st of states) st.source.parts = [...st.owner.keys()].sort((x, y) => x - y);
  return { sources: states.map((s) => s.source), states };
}

/** Throws unless every shard set is complete (training needs all of a corpus's shards). */
export function checkComplete(states: ReturnType<typeof combineSources>['states']): void {
  for (const st of states) {
    const { n, parts } = st.source;
    if (parts.length === n) continue;
    const have = new Set(parts);
    const missing: number[] = [];
    for (let k = 0; k < n && missing.length < 10; k++) if (!have.has(k)) missing.push(k);
    const files = [...new Set(st.owner.values())];
    // Same file names but another fingerprint: the inputs changed between the shard jobs.
    const names = st.source.inputs.map((i) => i.name).join('\0');
    const twin = states.find((o) => o !== st && o.source.inputs.map((i) => i.name).join('\0') === names);
    if (twin) {
      const a = st.source.inputs;
      const b = twin.source.inputs;
      const i = a.findIndex((x, j) => x.size !== b[j]?.size || x.head_tail !== b[j]?.head_tail);
      const what = i >= 0 ? `${a[i]!.name} (${a[i]!.size} vs ${b[i]!.size} bytes${a[i]!.size === b[i]!.size ? ', other content' : ''})` : 'the inputs';
      throw new CountsSetError([files[0]!, [...twin.owner.values()][0]!], `counted from different versions of ${what}`, 'count every shard from the same, unchanging input files');
    }
    const more = n - parts.length > missing.length ? ', …' : '';
    throw new CountsSetError(files, `shard${n - parts.length > 1 ? 's' : ''} ${missing.join(', ')}${more} of ${n} missing (have ${parts.length} of ${n})`, `count the missing shards (mbbpe count --shard K/${n}) and pass them too`);
  }
}

/** The header fields of the sum of `files` (settings of the first; totals summed). */
export function sumHeaders(files: readonly NamedHeader[], sources: CountsSource[]) {
  const first = files[0]!.header;
  let bytes = 0;
  let lines = 0;
  let invalid = 0;
  let dropped = 0;
  for (const f of files) {
    bytes += f.header.bytes;
    lines += f.header.lines;
    invalid += f.header.invalid_lines;
    dropped += f.header.dropped_lines;
  }
  return { settings: first.settings, sources, bytes, lines, invalid_lines: invalid, dropped_lines: dropped };
}
