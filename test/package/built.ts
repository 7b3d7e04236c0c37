// The built package for the package tests. The checkout's dist/ when it is newer than every build
// input (CI builds right before testing); otherwise a build of a copy of the checkout in the temp
// folder, cached under a hash of the inputs — never a rebuild of dist/ in place, which would pull
// it from under a test file running beside this one.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from '../support/shared.js';

/** Tracked and untracked-but-not-ignored files of the checkout (what a clone plus local edits holds). */
export function checkoutFiles(): string[] {
  return execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: repoRoot, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f !== '' && existsSync(join(repoRoot, f)));
}

/** Files whose change changes dist/. */
function buildInputs(): string[] {
  return checkoutFiles().filter((f) => f.startsWith('src/') || f.startsWith('scripts/') || /^(tsup\.config\.ts|package\.json|tsconfig\.json)$/.test(f));
}

/** Copies the checkout (without node_modules, which is linked) to `dir`. */
export function copyCheckout(dir: string): void {
  for (const f of checkoutFiles()) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    copyFileSync(join(repoRoot, f), join(dir, f));
  }
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
}

function distIsFresh(): boolean {
  const marker = join(repoRoot, 'dist/index.js');
  if (!existsSync(marker)) return false;
  const built = statSync(marker).mtimeMs;
  return buildInputs().every((f) => statSync(join(repoRoot, f)).mtimeMs <= built);
}

/** The root of a built copy of the package (holding package.json and dist/). */
export function builtPackageRoot(): string {
  if (distIsFresh()) return repoRoot;
  const hash = createHash('sha256');
  for (const f of buildInputs()) hash.update(f).update('\0').update(readFileSync(join(repoRoot, f)));
  const root = join(tmpdir(), `mbbpe-built-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(join(root, 'BUILT'))) return root;
  process.stderr.write(`dist/ is missing or older than src/: building a copy in ${root}\n`);
  const work = `${root}.${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  copyCheckout(work);
  execFileSync(process.execPath, [join(repoRoot, 'node_modules/tsup/dist/cli-default.js')], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
  writeFileSync(join(work, 'BUILT'), '');
  // Another test file may have finished the same build first: either copy will do.
  try {
    renameSync(work, root);
  } catch {
    rmSync(work, { recursive: true, force: true });
  }
  return root;
}
