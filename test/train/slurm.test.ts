// The README's cluster recipe, run for real: a one-node Slurm cluster (../shared/tools/local-slurm.sh,
// root, installs slurm-wlm and munge with apt), scripts/slurm/submit.sh submitting the counting array
// job (`--shard $SLURM_ARRAY_TASK_ID/N`) and the dependent reduce job (merge, train --from-counts);
// the tokenizer must be byte-identical to a single-process `mbbpe train`. Runs when MBBPE_SLURM_TEST=1
// (.ci/run sets it as root); elsewhere it prints a loud SKIP. Uses the built CLI (dist/).

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, sharedFile } from '../support/shared.js';

const enabled = process.env.MBBPE_SLURM_TEST === '1';
if (!enabled)
  process.stderr.write('\n*** SKIP (slurm recipe): set MBBPE_SLURM_TEST=1 as root to run the README cluster recipe on a one-node Slurm cluster (.ci/run does) — this suite did not run ***\n\n');

const script = enabled ? sharedFile('tools/local-slurm.sh', 'slurm recipe') : null;
const questions = enabled ? sharedFile('corpora/chatbot-data/questions.txt', 'slurm recipe') : null;
const answers = enabled ? sharedFile('corpora/chatbot-data/answers.txt', 'slurm recipe') : null;
const ready = enabled && script !== null && questions !== null && answers !== null;
if (enabled && !ready && process.env.CI) throw new Error('slurm recipe: ../shared/tools/local-slurm.sh or the corpora are missing in CI');

const cli = join(repoRoot, 'dist/cli/main.js');
const N = 4;
const TRAIN_ARGS = ['--vocab-size', '6000'];

describe.skipIf(!ready)('Slurm: the README recipe on a one-node cluster', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mbbpe-slurm-'));
  const state = join(dir, 'slurm-state');
  let started = false;

  beforeAll(() => {
    if (process.getuid?.() !== 0) throw new Error('MBBPE_SLURM_TEST=1 needs root (local-slurm.sh installs packages and starts daemons)');
    if (!existsSync(cli)) throw new Error(`slurm recipe: ${cli} is missing: run npm run build first (the jobs run the built CLI)`);
    execFileSync('bash', [script!, 'start', state], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 240_000 });
    started = true;
  }, 250_000);

  afterAll(() => {
    if (started) execFileSync('bash', [script!, 'stop', state], { stdio: 'inherit' });
  });

  it('array job + dependent reduce job train a tokenizer byte-identical to one `mbbpe train` process', () => {
    const counts = join(dir, 'counts');
    const tok = join(dir, 'tokenizer.json');
    const env = { ...process.env, MBBPE: `${process.execPath} ${cli}`, COUNT_ARGS: '--segment mecab', TRAIN_ARGS: TRAIN_ARGS.join(' '), SBATCH_WAIT: '1' };
    execFileSync('bash', [join(repoRoot, 'scripts/slurm/submit.sh'), String(N), counts, tok, questions!, answers!], { cwd: dir, env, stdio: ['ignore', 'inherit', 'inherit'], timeout: 150_000 });
    const logs = readdirSync(dir).filter((f) => f.endsWith('.log'));
    expect(logs.filter((f) => f.startsWith('mbbpe-count-'))).toHaveLength(N);
    expect(readdirSync(counts).sort()).toEqual(['all.counts', ...Array.from({ length: N }, (_v, k) => `shard-${k}-of-${N}.counts`)].sort());
    const direct = join(dir, 'direct.json');
    execFileSync(process.execPath, [cli, 'train', '-i', questions!, answers!, '--segment', 'mecab', ...TRAIN_ARGS, '-o', direct, '-q'], { stdio: 'inherit', timeout: 120_000 });
    expect(readFileSync(tok).equals(readFileSync(direct))).toBe(true);
    const header = JSON.parse(readFileSync(join(counts, 'all.counts'), 'utf8').split('\n', 1)[0]!) as { settings: { segment: string; dictionary: unknown }; sources: Array<{ n: number; parts: number[] }> };
    expect(header.settings.segment).toBe('mecab');
    expect(header.settings.dictionary).not.toBeNull();
    expect(header.sources).toEqual([expect.objectContaining({ n: N, parts: [0, 1, 2, 3] })]);
  }, 200_000);
});
