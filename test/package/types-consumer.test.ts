// The declarations of the platform-neutral entries (`mbbpe`, `mbbpe/runtime`) compile in a consumer
// that has no @types/node (issue 14): a project with `types: []` and `skipLibCheck: false`, under
// `moduleResolution` bundler and node16 (ESM .ts and CommonJS .cts files), type-checked by tsc.
// The package's .d.ts/.d.cts files are copied into the consumer's node_modules — a symlink to this
// checkout would let `node:` imports resolve to the repo's own @types/node and hide a leak.
// `mbbpe/node` is Node's entry and may name Node types (README "Development" says so); not checked here.

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';
import { builtPackageRoot } from './built.js';

const TSC = join(repoRoot, 'node_modules/typescript/bin/tsc');

// Uses values and types of both entries, so their whole declaration graphs are read.
const ESM_SOURCE = `import { Tokenizer, Analyzer, MbbpeError, TokenizerConfigError, isSnapshot, type Encoding } from 'mbbpe';
import { Tokenizer as RuntimeTokenizer, SnapshotError, type TokenizerJsonSource } from 'mbbpe/runtime';
const src: TokenizerJsonSource = new Uint8Array(0);
const t: Tokenizer = Tokenizer.fromJSON(src);
const r: RuntimeTokenizer = RuntimeTokenizer.fromJSON('{}');
const e: Encoding = t.encode('안녕하세요');
const ids: number[] = e.ids;
const text: string = r.decode(ids);
const snap: Uint8Array = t.toSnapshot();
const ok: boolean = isSnapshot(snap) && new SnapshotError('x') instanceof MbbpeError && TokenizerConfigError.prototype instanceof MbbpeError;
export const out = { text, ok, a: Analyzer };
`;
const CJS_SOURCE = `import mbbpe = require('mbbpe');
import runtime = require('mbbpe/runtime');
const t: mbbpe.Tokenizer = runtime.Tokenizer.fromJSON('{}');
const ids: number[] = t.encode('x').ids;
export = { ids, a: mbbpe.Analyzer };
`;

const RUNTIME_SOURCE = `import { Tokenizer, SnapshotError, MbbpeError, type Encoding } from 'mbbpe/runtime';
const t = Tokenizer.fromJSON(new Uint8Array(0));
const e: Encoding = t.encode('x');
export const out = { d: t.decode(e.ids), s: t.toSnapshot(), ok: new SnapshotError('x') instanceof MbbpeError };
`;
const RUNTIME_CJS_SOURCE = `import runtime = require('mbbpe/runtime');
export = runtime.Tokenizer.fromJSON('{}').encode('x').ids;
`;

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mbbpe-types-'));
  const root = builtPackageRoot();
  const pkgDir = join(dir, 'node_modules/mbbpe');
  mkdirSync(join(pkgDir, 'dist'), { recursive: true });
  copyFileSync(join(root, 'package.json'), join(pkgDir, 'package.json'));
  const decls = readdirSync(join(root, 'dist')).filter((f) => /\.d\.c?ts$/.test(f));
  expect(decls.length).toBeGreaterThan(4);
  for (const f of decls) copyFileSync(join(root, 'dist', f), join(pkgDir, 'dist', f));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  writeFileSync(join(dir, 'main.ts'), ESM_SOURCE);
  writeFileSync(join(dir, 'main.cts'), CJS_SOURCE);
  writeFileSync(join(dir, 'runtime.ts'), RUNTIME_SOURCE);
  writeFileSync(join(dir, 'runtime.cts'), RUNTIME_CJS_SOURCE);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function tsc(options: Record<string, unknown>, files: string[]): { status: number | null; out: string } {
  const config = { compilerOptions: { strict: true, noEmit: true, types: [], skipLibCheck: false, target: 'ES2022', ...options }, files };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(config));
  const r = spawnSync(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe('mbbpe and mbbpe/runtime declarations without @types/node', () => {
  const cases: Array<[string, Record<string, unknown>, string[]]> = [
    ['bundler, lib ES2022 + DOM (a browser app)', { module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM'] }, ['main.ts']],
    ['node16, ESM and CommonJS files, lib ES2022 + DOM', { module: 'Node16', moduleResolution: 'Node16', lib: ['ES2022', 'DOM'] }, ['main.ts', 'main.cts']],
    // Without DOM, only the runtime: the main entry's Hub loader names fetch's RequestInit/Response
    // (from lib DOM or @types/node), which ES2022 alone lacks (README "Development").
    ['node16, mbbpe/runtime with lib ES2022 alone (no DOM either)', { module: 'Node16', moduleResolution: 'Node16', lib: ['ES2022'] }, ['runtime.ts', 'runtime.cts']],
  ];
  for (const [name, options, files] of cases) {
    it(name, () => {
      const r = tsc(options, files);
      expect(r.out).not.toMatch(/Cannot find (name|module|namespace)/);
      expect(r.status, r.out).toBe(0);
    }, 120_000);
  }

  it('control: the consumer really type-checks the declarations (a wrong use is an error, @types/node is absent)', () => {
    writeFileSync(join(dir, 'bad.ts'), `import { Tokenizer } from 'mbbpe';\nconst n: string = Tokenizer.fromJSON('{}').encode('x').ids;\nconst b = Buffer.from('x');\nexport { n, b };\n`);
    const r = tsc({ module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM'] }, ['bad.ts']);
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(/bad\.ts\(2,7\): error TS2322/);
    expect(r.out).toMatch(/Cannot find name 'Buffer'/);
  }, 120_000);

  it('the declaration files name no Node module or global', () => {
    const root = builtPackageRoot();
    // Files the neutral entries reach: their own and the chunks they import.
    const seen = new Set<string>();
    const visit = (f: string): void => {
      if (seen.has(f)) return;
      seen.add(f);
      for (const m of readFileSync(join(root, 'dist', f), 'utf8').matchAll(/from '\.\/([^']+)\.(c?js)'/g)) visit(`${m[1]}.d.${m[2] === 'cjs' ? 'cts' : 'ts'}`);
    };
    for (const e of ['index.d.ts', 'index.d.cts', 'runtime.d.ts', 'runtime.d.cts']) visit(e);
    expect(seen.size).toBeGreaterThan(4);
    for (const f of seen) {
      const text = readFileSync(join(root, 'dist', f), 'utf8');
      expect(text, f).not.toMatch(/from ['"]node:|\bNodeJS\.|\bBuffer\b|reference types=["']node["']/);
    }
  });
});
