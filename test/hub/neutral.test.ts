// The platform-neutral hub modules (everything src/index.ts reaches) must not import `node:` modules:
// browsers and bundlers load them. Only fs-store.ts and node.ts may.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';

const NODE_ONLY = new Set(['fs-store.ts', 'node.ts']);

describe('src/hub platform neutrality', () => {
  it('no node: imports outside fs-store.ts and node.ts', () => {
    const dir = join(repoRoot, 'src', 'hub');
    const offenders = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !NODE_ONLY.has(f))
      .filter((f) => /from\s+['"]node:|require\(['"]node:/.test(readFileSync(join(dir, f), 'utf8')));
    expect(offenders).toEqual([]);
    // and the neutral entry does not reach the node-only files
    const index = readFileSync(join(repoRoot, 'src', 'index.ts'), 'utf8');
    expect(index).not.toMatch(/hub\/(fs-store|node)\.js/);
  });
});
