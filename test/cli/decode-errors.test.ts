// `mbbpe decode` errors (issue 14, bugs 6 and 8): garbage read from stdin or a file is bad data
// (exit 1, one line naming where), garbage in the arguments is bad arguments (exit 2, usage), and
// `--strict` refusing an id gives CLI advice (a flag), not the API's ({ strict: true }).

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './runtime-cli-support.js';

describe('mbbpe decode: bad data vs bad arguments', () => {
  it('garbage on stdin: exit 1, one line naming stdin and the line, no usage', async () => {
    const r = await runCli(['decode'], '1 2 3\nnot ids at all\n');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^mbbpe decode: stdin:2: expected non-negative integer ids/);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.err).not.toMatch(/usage:/);
    const j = await runCli(['decode'], '[1, 2\n');
    expect(j.code).toBe(1);
    expect(j.err).toMatch(/stdin:1: not valid JSON/);
  });
  it('garbage in a file names the file; in the arguments it is a usage error', async () => {
    const f = join(mkdtempSync(join(tmpdir(), 'mbbpe-dec-')), 'ids.txt');
    writeFileSync(f, '[-1, 1.5]\n');
    const r = await runCli(['decode', '-i', f]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${f}:1: expected non-negative integer ids`);
    const a = await runCli(['decode', 'x1']);
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/usage: mbbpe decode/);
  });
  it('--strict: the refused id with CLI advice', async () => {
    const r = await runCli(['decode', '--strict', '1', '99999999']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/id 99999999 \(position 1\) has no token/);
    expect(r.err).toMatch(/drop --strict/);
    expect(r.err).not.toMatch(/\{ strict: true \}/);
  });
});
