// Writes a file atomically: the data goes to a temporary file beside the target, is flushed, then
// renamed over it, so an interrupted run leaves either the old file or the complete new one. Node-only.

import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { TrainOutputError } from './errors.js';

/** Fails early (before long work) when `path`'s directory is missing or `path` is a directory. */
export async function checkOutput(path: string): Promise<void> {
  const dir = dirname(path);
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error('not a directory');
  } catch {
    throw new TrainOutputError(path, `directory ${dir} does not exist`, 'create the directory first or choose another output path');
  }
  try {
    if ((await stat(path)).isDirectory()) throw new TrainOutputError(path, 'is a directory', 'name a file, e.g. DIR/tokenizer.json');
  } catch (e) {
    if (e instanceof TrainOutputError) throw e;
  }
}

/** Writes `data` (a string, bytes, or pieces of text written in order) to `path` atomically. */
export async function writeFileAtomic(path: string, data: string | Uint8Array | Iterable<string>): Promise<void> {
  await checkOutput(path);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fh;
  try {
    fh = await open(tmp, 'wx');
    if (typeof data === 'string' || data instanceof Uint8Array) await fh.writeFile(data);
    else {
      // Batch small pieces into ~1 MiB writes.
      let buf: string[] = [];
      let size = 0;
      for (const piece of data) {
        buf.push(piece);
        size += piece.length;
        if (size >= 1 << 20) {
          await fh.write(buf.join(''));
          buf = [];
          size = 0;
        }
      }
      if (size > 0) await fh.write(buf.join(''));
    }
    await fh.sync();
    await fh.close();
    fh = undefined;
    await rename(tmp, path);
  } catch (e) {
    await fh?.close().catch(() => undefined);
    await rm(tmp, { force: true });
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new TrainOutputError(path, `cannot write (${why})`, 'check that the directory is writable and has space');
  }
}
