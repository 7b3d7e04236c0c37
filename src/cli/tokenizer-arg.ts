// Turns the CLI's `--tokenizer` value into a Tokenizer: a tokenizer.json, a folder holding one (with
// its tokenizer_config.json), or a Hugging Face repo id loaded through the Hub cache. Without a value,
// the package's default vocabulary is used.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MbbpeError } from '../errors.js';
import { CliTokenizerError } from './errors.js';
import { PretrainedTokenizer } from '../hub/pretrained.js';
import { Tokenizer } from '../tokenizer/node-tokenizer.js';

/** Path of the default tokenizer inside the package. */
export const DEFAULT_TOKENIZER = 'vocab/mbbpe-ko-30k/tokenizer.json';

/** The default tokenizer file is not there (the trained vocabulary has not been built yet). */
export class DefaultTokenizerMissingError extends MbbpeError {
  readonly path: string;
  constructor(path: string) {
    super(`the default tokenizer ${DEFAULT_TOKENIZER} is not in this package`, 'pass --tokenizer PATH/TO/tokenizer.json');
    this.path = path;
  }
}

/** The package root: the nearest folder above this module whose package.json is mbbpe's. */
export function packageRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (let dir = here, i = 0; i < 8; i++) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj)) {
      try {
        if ((JSON.parse(readFileSync(pj, 'utf8')) as { name?: string }).name === 'mbbpe') return dir;
      } catch {
        // not a readable package.json: keep walking up
      }
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  // From dist/cli/main.js and src/cli/*.ts alike, the root is two levels up.
  return resolve(here, '../..');
}

/** Loads the tokenizer named by `--tokenizer` (a tokenizer.json, or a folder holding one), or the package default. */
export async function loadTokenizerArg(value: string | undefined): Promise<PretrainedTokenizer> {
  if (value !== undefined && value !== '') {
    const { resolveTokenizerArg } = await import('../hub/node.js');
    try {
      return await resolveTokenizerArg(value);
    } catch (e) {
      // "tokenizer.json $: not valid JSON" does not say which file: name the argument.
      if (e instanceof MbbpeError && !e.message.includes(value)) throw new CliTokenizerError(value, e);
      throw e;
    }
  }
  const p = join(packageRoot(), DEFAULT_TOKENIZER);
  if (!existsSync(p)) throw new DefaultTokenizerMissingError(p);
  // Wrapped like every other source, so the commands see one type (with transformers' defaults).
  return new PretrainedTokenizer(Tokenizer.fromFile(p));
}

