// One definition of every class across the built entries (issue 14 bug 1, issue 16 §1): loads
// dist/{index,runtime,node} through import() and through require(), and checks that every name two
// entries share is the same object, that objects made or thrown through `mbbpe/node` are instances
// of the `mbbpe` classes, that classes keep their source names, and that the worker entries are
// found from both formats. ESM and CJS are two module graphs by nature (the dual-package hazard,
// README "Exports"), so identity is asserted within each module system.

import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';
import { builtPackageRoot } from './built.js';

const ENTRIES = ['index', 'runtime', 'node'] as const;
type Entry = (typeof ENTRIES)[number];
type Mod = Record<string, unknown>;
const TOKENIZER_JSON = join(repoRoot, 'vocab/mbbpe-ko-30k/tokenizer.json');

const systems: Record<'esm' | 'cjs', Record<Entry, Mod>> = { esm: {} as Record<Entry, Mod>, cjs: {} as Record<Entry, Mod> };

beforeAll(async () => {
  const dist = join(builtPackageRoot(), 'dist');
  const req = createRequire(join(dist, 'index.cjs'));
  for (const e of ENTRIES) {
    systems.esm[e] = (await import(pathToFileURL(join(dist, `${e}.js`)).href)) as Mod;
    systems.cjs[e] = req(join(dist, `${e}.cjs`)) as Mod;
  }
});

/** A constructor function (classes; exported functions start lower-case). */
const isClass = (v: unknown): v is new (...a: never[]) => unknown => typeof v === 'function' && /^[A-Z]/.test((v as { name: string }).name);

/** Calls `f` and returns what it threw. */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe.each(['esm', 'cjs'] as const)('built package, %s', (sys) => {
  const m = (e: Entry) => systems[sys][e];

  it('every name two entries export is the same object', () => {
    const mismatches: string[] = [];
    let shared = 0;
    for (const a of ENTRIES) {
      for (const b of ENTRIES) {
        if (a >= b) continue;
        for (const name of Object.keys(m(a))) {
          if (!(name in m(b))) continue;
          shared++;
          if (m(a)[name] !== m(b)[name]) mismatches.push(`${a}.${name} !== ${b}.${name}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    // runtime ⊂ index ⊂ node, so every name of the smaller entry was compared: not a vacuous pass.
    const keys = (e: Entry) => Object.keys(m(e));
    expect(keys('runtime').filter((k) => !(k in m('index')))).toEqual([]);
    expect(keys('index').filter((k) => !(k in m('node')))).toEqual([]);
    expect(shared).toBe(2 * keys('runtime').length + keys('index').length);
  });

  it('the core classes and errors are in every entry that should have them, identical', () => {
    for (const name of ['Tokenizer', 'MbbpeError', 'TokenizerConfigError', 'UnknownIdError', 'InvalidOptionError', 'SnapshotError', 'DecodeStream']) {
      for (const e of ENTRIES) expect(isClass(m(e)[name]), `${e}.${name}`).toBe(true);
      expect(m('node')[name]).toBe(m('index')[name]);
      expect(m('runtime')[name]).toBe(m('index')[name]);
    }
    for (const name of ['Analyzer', 'PretrainedTokenizer', 'HubError', 'TrainConfigError', 'DictionaryFormatError']) {
      expect(isClass(m('index')[name]), name).toBe(true);
      expect(m('node')[name]).toBe(m('index')[name]);
    }
  });

  it('every exported class keeps its source name (MbbpeError.name comes from it)', () => {
    const wrong: string[] = [];
    for (const e of ENTRIES) {
      for (const [name, v] of Object.entries(m(e))) if (isClass(v) && v.name !== name) wrong.push(`${e}.${name}.name = ${v.name}`);
    }
    expect(wrong).toEqual([]);
  });

  it('a tokenizer loaded through mbbpe/node is an mbbpe Tokenizer, and its errors are mbbpe errors', () => {
    const node = m('node') as Mod & { NodeTokenizer: { fromFile(p: string): unknown; fromJSON(s: string): unknown } };
    const core = m('index') as Mod & Record<string, new (...a: never[]) => unknown>;
    const tok = node.NodeTokenizer.fromFile(TOKENIZER_JSON) as { encode(s: string): { ids: ArrayLike<number> }; decode(ids: number[], o?: object): string };
    expect(tok).toBeInstanceOf(core.Tokenizer!);
    expect(tok).toBeInstanceOf(m('runtime').Tokenizer as new () => unknown);
    expect(Array.from(tok.encode('안녕하세요').ids).length).toBeGreaterThan(0);

    const missing = thrown(() => node.NodeTokenizer.fromFile(join(repoRoot, 'no-such-tokenizer.json')));
    expect(missing).toBeInstanceOf(core.MbbpeError!);
    expect(missing).toBeInstanceOf(node.TokenizerFileError as new () => unknown);
    expect((missing as Error).name).toBe('TokenizerFileError');

    const bad = thrown(() => node.NodeTokenizer.fromJSON('{"model": 3}'));
    expect(bad).toBeInstanceOf(core.TokenizerConfigError!);
    expect(bad).toBeInstanceOf(m('runtime').MbbpeError as new () => unknown);
    expect((bad as Error).name).toBe('TokenizerConfigError');

    const unknown = thrown(() => tok.decode([10 ** 9], { strict: true }));
    expect(unknown).toBeInstanceOf(core.UnknownIdError!);
    expect(unknown).toBeInstanceOf(core.MbbpeError!);
  });

  it('an analyser loaded through mbbpe/node is an mbbpe Analyzer; a missing dictionary is an mbbpe error', async () => {
    const node = m('node') as Mod & { NodeAnalyzer: { load(o?: object): Promise<unknown> } };
    const core = m('index') as Mod & Record<string, new (...a: never[]) => unknown>;
    expect(await node.NodeAnalyzer.load()).toBeInstanceOf(core.Analyzer!);
    const err = await node.NodeAnalyzer.load({ dicDir: join(repoRoot, 'no-such-dic') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(core.DictionaryNotFoundError!);
    expect(err).toBeInstanceOf(core.MbbpeError!);
  });

  it('the worker entries are found at run time (pools start threads, not the in-thread fallback)', async () => {
    const node = m('node') as Mod & {
      NodeAnalyzer: { load(): Promise<unknown> };
      NodeTokenizer: { fromFile(p: string): unknown };
      MorphPool: { create(o: object): Promise<{ mode: string; close(): Promise<void> }> };
      EncodePool: { create(t: unknown, o: object): Promise<{ mode: string; close(): Promise<void> }> };
    };
    const morph = await node.MorphPool.create({ analyzer: await node.NodeAnalyzer.load(), threads: 1 });
    const enc = await node.EncodePool.create(node.NodeTokenizer.fromFile(TOKENIZER_JSON), { threads: 1 });
    try {
      expect(morph.mode).toBe('workers');
      expect(enc.mode).toBe('workers');
    } finally {
      await morph.close();
      await enc.close();
    }
  });
});
