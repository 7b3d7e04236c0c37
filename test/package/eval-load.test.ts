// The built package loads the analyser from `node -e` (CommonJS eval), where a global __filename
// of '[eval]' exists: the default dictionary lookup must use the module's own URL, not that name.

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtPackageRoot } from './built.js';

describe('built package under node -e', () => {
  let dist = '';
  beforeAll(() => {
    dist = join(builtPackageRoot(), 'dist'); // may build (hookTimeout, not testTimeout)
  }, 300_000);

  for (const file of ['node.js', 'node.cjs']) {
    it(`${file}: NodeAnalyzer.load() with the default dictionary`, () => {
      const load = file.endsWith('.cjs') ? `Promise.resolve(require(${JSON.stringify(join(dist, file))}))` : `import(${JSON.stringify(join(dist, file))})`;
      const out = execFileSync(process.execPath, ['-e', `${load}.then((l) => l.NodeAnalyzer.load()).then((a) => console.log(a.morphs('영화가 좋다').join(' ')))`], { encoding: 'utf8' });
      expect(out.trim()).toBe('영화 가 좋 다');
    });
  }
});
