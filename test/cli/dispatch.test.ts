import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/dispatch.js';
import { memoryIO } from '../support/cli-io.js';

const io = memoryIO;

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

describe('mbbpe count --words --help', () => {
  it("shows the word-count mode's usage, not the token counter's", async () => {
    const plain = io();
    expect(await main(['count', '--help'], plain)).toBe(0);
    const words = io();
    expect(await main(['count', '--words', '--help'], words)).toBe(0);
    expect(words.out()).toMatch(/--words --input FILE/);
    expect(plain.out()).not.toMatch(/--words --input FILE/);
  });
});
