// One fast-check seed per run, printed so a failure can be replayed: FC_SEED=<n> npx vitest run test/clean

export const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : Math.floor(Math.random() * 2 ** 31);
process.stderr.write(`[test/clean] fast-check seed ${seed} (replay with FC_SEED=${seed})\n`);
