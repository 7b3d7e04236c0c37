// package.json `engines.node` is honest (issue 14): its floor is the Node line CI tests. CI (.ci/run)
// runs on one Node, the machine's; with CI set, that Node must be of the floor's major version, so
// moving CI to a newer Node forces a decision (raise engines, or keep testing the floor too).
// The build targets the same floor (tsup `target`).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { engines: { node: string } };
const floor = /^>=(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(pkg.engines.node);
const version = process.versions.node.split('.').map(Number) as [number, number, number];

describe('engines.node', () => {
  it('is a plain floor (">=N"), satisfied by the Node running the tests', () => {
    expect(floor, `engines.node ${pkg.engines.node}`).not.toBeNull();
    const want = [Number(floor![1]), Number(floor![2] ?? 0), Number(floor![3] ?? 0)];
    const cmp = version[0] - want[0]! || version[1] - want[1]! || version[2] - want[2]!;
    expect(cmp, `Node ${process.version} is below engines.node ${pkg.engines.node}`).toBeGreaterThanOrEqual(0);
  });

  it('its major version is the one CI tests, and the one the build targets', () => {
    const major = Number(floor![1]);
    const tsup = readFileSync(join(repoRoot, 'tsup.config.ts'), 'utf8');
    const targets = [...tsup.matchAll(/target:\s*'node(\d+)'/g)].map((m) => Number(m[1]));
    expect(targets.length).toBeGreaterThan(0);
    for (const t of targets) expect(t, 'tsup target node<N> vs engines.node').toBe(major);
    if (process.env.CI) expect(version[0], `CI runs Node ${process.version}, engines.node says ${pkg.engines.node}`).toBe(major);
    else if (version[0] !== major) process.stderr.write(`\n*** engines: local Node ${process.version} is not the floor's major (${major}); CI must run ${major} ***\n\n`);
  });
});
