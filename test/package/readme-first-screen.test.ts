// README's first screen (issue 14 bug 11): in a clone, its main-job command runs the built CLI
// directly — `npx mbbpe` in a clone costs npm's start on every call (bench/RESULTS.md "README's first
// screen") — and the setup line builds, since `npm ci` no longer does (no `prepare` script).
// The command is run as written and must print the ids this repo's built API gives. No timing here
// (house rule: never assert wall-clock time); the figures are in bench/RESULTS.md.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';
import { builtPackageRoot } from './built.js';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const firstScreen = readme.slice(0, readme.indexOf('<!-- more below the first screen -->'));
const block = /```sh\n([\s\S]*?)```/.exec(firstScreen)?.[1] ?? '';
const commands = block.split('\n').map((l) => l.replace(/\s+#.*$/, '').trim()).filter(Boolean);

describe("README's first screen", () => {
  it('sets up with npm ci and a build, then runs the built CLI directly (no npx)', () => {
    expect(commands.length).toBeGreaterThanOrEqual(3);
    expect(commands[0]).toBe('npm ci && npm run build');
    expect(commands[1]).toMatch(/^node dist\/cli\/main\.js encode /);
    expect(block).not.toMatch(/^npx /m);
    // npx stays the installed users' command, in the text right after.
    expect(firstScreen.slice(firstScreen.indexOf('```', firstScreen.indexOf('```sh') + 5))).toMatch(/npm install mbbpe`, then `npx mbbpe encode/);
  });

  it('its encode command prints the ids of the embedded default vocabulary', async () => {
    const m = /^node (dist\/cli\/main\.js) encode "([^"]+)"$/.exec(commands[1]!);
    expect(m, commands[1]).not.toBeNull();
    const root = builtPackageRoot();
    const out = execFileSync(process.execPath, [join(root, m![1]!), 'encode', m![2]!], { cwd: root, encoding: 'utf8' });
    const node = (await import(pathToFileURL(join(root, 'dist/node.js')).href)) as typeof import('../../src/node.js');
    const ids = node.NodeTokenizer.fromFile(join(repoRoot, 'vocab/mbbpe-ko-30k/tokenizer.json')).encode(m![2]!).ids;
    expect(ids.length).toBeGreaterThan(1);
    expect(out.trim()).toBe(ids.join(' '));
  });
});
