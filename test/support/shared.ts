// Locates ../shared (read-only reference material beside the repo). Suites that need it call
// `sharedFile`; when it is absent they skip and say so on stderr — never silently.

import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedRoot = resolve(repoRoot, '../shared');

/** Absolute path of `../shared/<rel>`, or null after printing a loud SKIP notice. */
export function sharedFile(rel: string, who: string): string | null {
  const p = resolve(sharedRoot, rel);
  if (existsSync(p)) return p;
  process.stderr.write(`\n*** SKIP (${who}): ../shared/${rel} is absent — this suite did not run ***\n\n`);
  return null;
}
