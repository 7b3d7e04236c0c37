// What the snapshot checksum (src/config/snapshot.ts, issue 14 bug 4) costs a cold start: the
// snapshot route loaded with verification (as shipped) and without it, side by side. The two
// variants are esbuild bundles of src/runtime.ts that differ only in verifySnapshot (the second
// returns at once); each run is a fresh process (import + read + Tokenizer.fromJSON + first
// encode), alternating the variants, and a warm figure (median of in-process reloads) follows.
// A control checks the variants really differ: a snapshot with one flipped bit in its embedded
// tokenizer.json is refused by the first and loaded by the second.
//
// usage: node bench/snapshot-check.mjs [--runs 31] [--tokenizer path/to/tokenizer.json]
// (default tokenizer: ../shared/vocab/polyglot-ko/tokenizer.json, else vocab/mbbpe-ko-30k)

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const runs = Number(opt('--runs', '31'));
const shared = resolve(root, '../shared/vocab/polyglot-ko/tokenizer.json');
const tokenizerFile = opt('--tokenizer', existsSync(shared) ? shared : join(root, 'vocab/mbbpe-ko-30k/tokenizer.json'));

const dir = mkdtempSync(join(tmpdir(), 'mbbpe-snapcheck-'));

/** src/runtime.ts bundled for Node; `verify: false` makes verifySnapshot return at once. */
async function variant(name, verify) {
  const snapshotTs = join(root, 'src/config/snapshot.ts');
  const outfile = join(dir, `${name}.mjs`);
  await build({
    entryPoints: [join(root, 'src/runtime.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'node20',
    outfile,
    logLevel: 'error',
    plugins: [
      {
        name: 'no-verify',
        setup(b) {
          if (verify) return;
          b.onLoad({ filter: /src[\\/]config[\\/]snapshot\.ts$/ }, () => {
            const src = readFileSync(snapshotTs, 'utf8');
            const head = 'export function verifySnapshot(c: SnapshotContents): void {';
            if (!src.includes(head)) throw new Error('verifySnapshot signature changed: update bench/snapshot-check.mjs');
            return { contents: src.replace(head, `${head}\n  if (c) return;`), loader: 'ts' };
          });
        },
      },
    ],
  });
  return outfile;
}

const CHILD = `
const t0 = performance.now();
const { Tokenizer } = await import(process.argv[1]);
const t1 = performance.now();
const bytes = (await import('node:fs')).readFileSync(process.argv[2]);
const t2 = performance.now();
const tok = Tokenizer.fromJSON(bytes);
const t3 = performance.now();
tok.encodeIds('아버지가 방에 들어가신다. Hello, world!');
const t4 = performance.now();
// Warm: the median of 15 further loads in this process.
const warm = [];
for (let i = 0; i < 15; i++) { const a = performance.now(); Tokenizer.fromJSON(bytes); warm.push(performance.now() - a); }
warm.sort((a, b) => a - b);
console.log(JSON.stringify({ import: t1 - t0, read: t2 - t1, load: t3 - t2, encode: t4 - t3, total: t4 - t0, warm: warm[7], rss: process.resourceUsage().maxRSS / 1024 }));
`;

function child(bundle, snap) {
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', CHILD, bundle, snap], { encoding: 'utf8' }));
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const f = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

try {
  const withCheck = await variant('verify', true);
  const noCheck = await variant('no-verify', false);
  const { Tokenizer } = await import(withCheck);
  const snapBytes = Tokenizer.fromJSON(readFileSync(tokenizerFile)).toSnapshot();
  const snap = join(dir, 'x.mbbpe');
  writeFileSync(snap, snapBytes);

  // Control: one flipped bit near the end (inside the embedded tokenizer.json, which no structural
  // check reads at load) — the checksum is the only thing that can see it.
  const bad = snapBytes.slice();
  bad[bad.length - 10] ^= 1;
  const refused = (() => {
    try {
      Tokenizer.fromJSON(bad);
      return false;
    } catch {
      return true;
    }
  })();
  const { Tokenizer: NoCheck } = await import(noCheck);
  NoCheck.fromJSON(bad); // throws if the variant still verifies
  if (!refused) throw new Error('control failed: the verifying build loaded a damaged snapshot');

  const rows = { verify: [], 'no-verify': [] };
  for (let i = 0; i < runs; i++) {
    rows.verify.push(child(withCheck, snap));
    rows['no-verify'].push(child(noCheck, snap));
  }
  console.log(`tokenizer ${tokenizerFile} → snapshot ${snapBytes.length} bytes; ${runs} fresh processes per variant, alternating; Node ${process.version}`);
  console.log('| variant | import ms | read ms | load ms | first encode ms | cold total ms (min / median / max) | warm load ms | peak RSS MB |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, r] of Object.entries(rows)) {
    const col = (k) => median(r.map((x) => x[k]));
    const tot = r.map((x) => x.total);
    console.log(`| ${name} | ${f(col('import'))} | ${f(col('read'))} | ${f(col('load'))} | ${f(col('encode'))} | ${f(Math.min(...tot))} / ${f(median(tot))} / ${f(Math.max(...tot))} | ${f(col('warm'))} | ${f(col('rss'))} |`);
  }
  const dl = median(rows.verify.map((x) => x.load)) - median(rows['no-verify'].map((x) => x.load));
  const dw = median(rows.verify.map((x) => x.warm)) - median(rows['no-verify'].map((x) => x.warm));
  const tv = median(rows.verify.map((x) => x.total));
  console.log(`checksum: +${f(dl)} ms of cold load (median difference; ${((100 * dl) / tv).toFixed(0)}% of the cold total), +${f(dw)} ms warm (${((snapBytes.length / 1e6) / (dw / 1e3)).toFixed(0)} MB/s)`);
  console.log('control: one flipped bit in the embedded tokenizer.json refused with verification, loaded without it');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
