// Test support: small samples of every corpus in ../shared/corpora (the first N bytes, cut at a
// line end), written to a temporary directory so the reference can train on them as files.

import { mkdtempSync, openSync, readSync, closeSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedFile } from '../support/shared.js';

export interface Sample {
  name: string;
  file: string;
  text: string;
}

function head(path: string, bytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    const got = buf.subarray(0, n);
    const nl = got.lastIndexOf(0x0a);
    return n < bytes || nl < 0 ? got : got.subarray(0, nl + 1);
  } finally {
    closeSync(fd);
  }
}

/** One sample per corpus text file (licence notes and manifests excluded); [] after a SKIP notice. */
export function corpusSamples(bytes: number, who: string): Sample[] {
  const root = sharedFile('corpora', who);
  if (root === null) return [];
  const dir = mkdtempSync(join(tmpdir(), 'mbbpe-samples-'));
  const out: Sample[] = [];
  for (const corpus of readdirSync(root).sort()) {
    for (const f of readdirSync(join(root, corpus)).sort()) {
      if (!f.endsWith('.txt') || f.startsWith('LICENSE') || f.includes('manifest')) continue;
      const buf = head(join(root, corpus, f), bytes);
      const file = join(dir, `${corpus}--${f}`);
      writeFileSync(file, buf);
      out.push({ name: `${corpus}/${f}`, file, text: buf.toString('utf8') });
    }
  }
  return out;
}
