// Node-only: finds a worker-thread bundle that tsup emits beside dist/node.js (entries `morph-worker`,
// `encode-worker`, `count-worker`). Looked for one level up too, for code bundled into dist/cli/.
// Null when running from src/ (no bundle): the pools then work in the calling thread.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The directory of this module, from ESM (import.meta.url) or CJS (__filename) builds. */
function moduleDir(): string {
  return typeof __filename === 'string' ? dirname(__filename) : dirname(fileURLToPath(import.meta.url));
}

/** The worker entries tsup builds (tsup.config.ts). */
export type WorkerEntry = 'morph-worker' | 'encode-worker' | 'count-worker';

export function findWorkerScript(stem: WorkerEntry): string | null {
  const dir = moduleDir();
  for (const d of [dir, join(dir, '..')]) {
    for (const ext of ['.js', '.cjs', '.mjs']) {
      const p = join(d, stem + ext);
      if (existsSync(p)) return p;
    }
  }
  return null;
}
