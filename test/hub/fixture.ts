// Shared set-up for the hub suites: the Polyglot-Ko files from ../shared served as
// EleutherAI/polyglot-ko-1.3b by the fake hub, temporary cache folders, and cache inspection.

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, lstatSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { sharedFile } from '../support/shared.js';
import type { FakeRepo } from './hub-server.js';

export const REPO = 'EleutherAI/polyglot-ko-1.3b';
export const FOLDER = 'models--EleutherAI--polyglot-ko-1.3b';
/** A made-up commit hash (sha1 of a fixed string): the fake hub reports it in X-Repo-Commit. */
export const COMMIT = createHash('sha1').update('mbbpe fake polyglot-ko commit').digest('hex');
export const FILES = ['tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json'] as const;

/** The three files from ../shared/vocab/polyglot-ko, or null (with a loud SKIP) when absent. */
export function polyglotFiles(who: string): Map<string, Buffer> | null {
  const files = new Map<string, Buffer>();
  for (const f of FILES) {
    const p = sharedFile(`vocab/polyglot-ko/${f}`, who);
    if (p === null) return null;
    files.set(f, readFileSync(p));
  }
  return files;
}

export function polyglotRepo(files: Map<string, Buffer>, extra: Partial<FakeRepo> = {}): FakeRepo {
  return { commit: COMMIT, files: new Map(files), lfs: new Set(['tokenizer.json']), refs: ['main'], ...extra };
}

const made: string[] = [];
export function tempDir(tag: string): string {
  const d = mkdtempSync(join(tmpdir(), `mbbpe-hub-${tag}-`));
  made.push(d);
  return d;
}
export function removeTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}

/** Every entry under `dir` as a relative path: `f` file, `l -> target` symlink, `d` folder. */
export function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch {
      return;
    }
    for (const n of names) {
      const p = join(d, n);
      const st = lstatSync(p);
      const rel = relative(dir, p);
      if (st.isSymbolicLink()) out.push(`l ${rel}`);
      else if (st.isDirectory()) {
        out.push(`d ${rel}`);
        walk(p);
      } else out.push(`f ${rel}`);
    }
  };
  walk(dir);
  return out;
}
