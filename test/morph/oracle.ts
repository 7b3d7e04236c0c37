// Locates the native mecab-ko oracle built into .cache/mecab-oracle (see ../shared/docs/MECAB-ORACLE.md)
// and runs it on a batch of lines. Suites that need it skip loudly when it is absent.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { repoRoot } from '../support/shared.js';

export const oracleDir = `${repoRoot}/.cache/mecab-oracle`;

export function oracle(who: string): { run: (input: Uint8Array | string, vanilla?: boolean, args?: string[]) => Buffer } | null {
  if (!existsSync(`${oracleDir}/mecab-ko`)) {
    process.stderr.write(
      `\n*** SKIP (${who}): no native oracle at .cache/mecab-oracle — build it with ../shared/tools/build-mecab-oracle.sh .cache/mecab-oracle ***\n\n`,
    );
    return null;
  }
  return {
    run: (input, vanilla = false, args = []) =>
      execFileSync(`${oracleDir}/${vanilla ? 'mecab-vanilla' : 'mecab-ko'}`, args, { input, maxBuffer: 1 << 30 }),
  };
}
