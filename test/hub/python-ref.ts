// Runs test/hub/py/hub_ref.py with the Python named by MBBPE_HUB_PYTHON (default `python3`) when it
// has huggingface_hub; otherwise the parity suites print a loud SKIP. The reference's versions are
// printed with each run so a result can be traced to them.

import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'py', 'hub_ref.py');

export interface PythonRef {
  python: string;
  versions: { huggingface_hub: string; transformers: string | null };
  /** Async on purpose: the fake hub runs in this process and must keep answering meanwhile. */
  run<T>(cmd: string, args: object, env?: Record<string, string>): Promise<T>;
}

export async function pythonRef(who: string): Promise<PythonRef | null> {
  const python = process.env['MBBPE_HUB_PYTHON'] ?? 'python3';
  // Keep the reference away from the machine's real cache, token and network settings.
  const baseEnv = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? '',
    HF_HUB_DISABLE_TELEMETRY: '1',
    HF_HUB_DISABLE_IMPLICIT_TOKEN: '1',
    HF_HUB_DISABLE_XET: '1',
    TRANSFORMERS_VERBOSITY: 'error',
  };
  const run = <T>(cmd: string, args: object, env: Record<string, string> = {}): Promise<T> =>
    new Promise((resolve, reject) => {
      const opts = { encoding: 'utf8' as const, timeout: 120_000, maxBuffer: 64 << 20, env: { ...baseEnv, ...env } };
      // Arguments go through stdin: corpus-sized inputs do not fit on a command line.
      const child = execFile(python, [SCRIPT, cmd, '-'], opts, (err, stdout, stderr) => {
        if (err) reject(new Error(`${python} hub_ref.py ${cmd} failed: ${err.message}\n${stderr}`));
        else resolve(JSON.parse(stdout) as T);
      });
      child.stdin?.end(JSON.stringify(args));
    });
  try {
    const versions = await run<PythonRef['versions']>('versions', {});
    process.stderr.write(`[${who}] reference: ${python}, huggingface_hub ${versions.huggingface_hub}, transformers ${versions.transformers ?? 'absent'}\n`);
    return { python, versions, run };
  } catch {
    process.stderr.write(`\n*** SKIP (${who}): no Python with huggingface_hub (set MBBPE_HUB_PYTHON) — this suite did not run ***\n\n`);
    return null;
  }
}
