// Runs the job in a command-line runtime (Bun, Deno) straight from the built files, unbundled, as
// a user's `import 'mbbpe/runtime'` would: a small driver reads the input file, imports the entry
// and the job, and writes the results to a file. The driver uses only the runtime's own file API
// (Deno.* or Bun.*), never Node's, so Deno can run without env, net or run permissions.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { JobInput, JobResult } from './job.js';
import { jobFile } from './support.js';

const DRIVER = `
const deno = typeof Deno !== 'undefined';
const [entry, jobUrl, inFile, outFile] = deno ? Deno.args : Bun.argv.slice(2);
const text = deno ? await Deno.readTextFile(inFile) : await Bun.file(inFile).text();
const lib = await import(entry);
const { job } = await import(jobUrl);
const out = JSON.stringify(job(lib, JSON.parse(text)));
if (deno) await Deno.writeTextFile(outFile, out); else await Bun.write(outFile, out);
`;

export interface RuntimeRun {
  results: JobResult[];
  ms: number;
}

/** `argv(driver, entryUrl, jobUrl, inFile, outFile)` gives the command line; returns the results. */
export function runInRuntime(
  label: string,
  entryFile: string,
  input: JobInput,
  argv: (dir: string, driverArgs: string[]) => { cmd: string; args: string[]; env?: NodeJS.ProcessEnv },
): RuntimeRun {
  const dir = mkdtempSync(join(tmpdir(), `mbbpe-${label}-`));
  try {
    const driver = join(dir, 'driver.mjs');
    writeFileSync(driver, DRIVER);
    const inFile = join(dir, 'input.json');
    const outFile = join(dir, 'out.json');
    writeFileSync(inFile, JSON.stringify(input));
    const { cmd, args, env } = argv(dir, [driver, pathToFileURL(entryFile).href, pathToFileURL(jobFile).href, inFile, outFile]);
    const t0 = performance.now(); // reported only, never asserted
    const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', timeout: 240_000, env: env ?? process.env });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`${label} exited with ${r.status ?? r.signal}: ${r.error?.message ?? ''}\n${r.stderr}\n${r.stdout}`);
    return { results: JSON.parse(readFileSync(outFile, 'utf8')) as JobResult[], ms };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** First line of `cmd --version`, for the log. */
export function versionOf(cmd: string, arg = '--version'): string {
  const r = spawnSync(cmd, [arg], { encoding: 'utf8', timeout: 30_000 });
  return (r.stdout || r.stderr || '').split('\n')[0]!.trim();
}
