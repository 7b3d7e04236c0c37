import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/dispatch.js';
import type { CliIO } from '../../src/cli/command.js';

function io(): CliIO & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = '';
  let e = '';
  stdout.on('data', (d) => (o += d));
  stderr.on('data', (d) => (e += d));
  return { stdin: new PassThrough(), stdout, stderr, isTTY: false, out: () => o, err: () => e };
}

describe('mbbpe dispatcher', () => {
  it('exits 2 with usage on an unknown command', async () => {
    const s = io();
    expect(await main(['no-such-command'], s)).toBe(2);
    expect(s.err()).toMatch(/unknown command 'no-such-command'/);
    expect(s.err()).toMatch(/usage: mbbpe/);
  });
  it('exits 2 with usage and no command', async () => {
    const s = io();
    expect(await main([], s)).toBe(2);
    expect(s.err()).toMatch(/usage: mbbpe/);
  });
  it('prints the package version', async () => {
    const s = io();
    expect(await main(['--version'], s)).toBe(0);
    expect(s.out().trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
