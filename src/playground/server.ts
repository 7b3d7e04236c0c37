// The playground's local server: serves the page, its script, the tokenizer files and the
// dictionary files, nothing else — all tokenization runs in the browser. Binds to loopback by
// default; GET/HEAD only; unknown paths are 404. Node-only.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { MbbpeError } from '../errors.js';
import { INDEX_HTML } from './page.js';

export interface PlaygroundOptions {
  /** Tokenizers offered in the page, as their tokenizer.json (text or bytes). */
  tokenizers: Array<{ name: string; json: string | Uint8Array }>;
  /** A compiled mecab-ko-dic directory, or null to run without morphemes. */
  dicDir: string | null;
  /** The built page script (dist/playground/app.js). */
  appJs: string;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Default 4177; 0 picks a free port. */
  port?: number;
}

export class PlaygroundError extends MbbpeError {}

const DIC_FILES = { sysDic: 'sys.dic', unkDic: 'unk.dic', matrix: 'matrix.bin', charBin: 'char.bin', dicrc: 'dicrc' } as const;

export async function startPlayground(opts: PlaygroundOptions): Promise<{ url: string; close(): Promise<void> }> {
  let app: Buffer;
  try {
    app = await readFile(opts.appJs);
  } catch {
    throw new PlaygroundError(`the page script ${opts.appJs} is missing`, 'build the package first (npm run build)');
  }
  const manifest = JSON.stringify({
    tokenizers: opts.tokenizers.map((t, i) => ({ name: t.name, url: `tokenizers/${i}.json` })),
    dictionary: opts.dicDir ? Object.fromEntries(Object.entries(DIC_FILES).map(([k, f]) => [k, `dic/${f}`])) : null,
  });
  const files = new Map<string, { type: string; body: () => Promise<Buffer | string | Uint8Array> }>([
    ['/', { type: 'text/html; charset=utf-8', body: async () => INDEX_HTML }],
    ['/index.html', { type: 'text/html; charset=utf-8', body: async () => INDEX_HTML }],
    ['/app.js', { type: 'text/javascript; charset=utf-8', body: async () => app }],
    ['/manifest.json', { type: 'application/json', body: async () => manifest }],
  ]);
  opts.tokenizers.forEach((t, i) => files.set(`/tokenizers/${i}.json`, { type: 'application/json', body: async () => t.json }));
  if (opts.dicDir) {
    const dir = opts.dicDir;
    for (const f of Object.values(DIC_FILES)) files.set(`/dic/${f}`, { type: 'application/octet-stream', body: () => readFile(join(dir, f)) });
  }
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const f = files.get(path);
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !f) {
      res.writeHead(f ? 405 : 404, { 'content-type': 'text/plain' }).end(f ? 'method not allowed' : 'not found');
      return;
    }
    const body = await f.body();
    res.writeHead(200, { 'content-type': f.type, 'content-length': Buffer.byteLength(body as string), 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('cannot read the file');
    });
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(new PlaygroundError(`cannot listen on ${host}:${opts.port ?? 4177}: ${e.code ?? e.message}`, 'pick another --port (0 = any free port)')),
    );
    server.listen(opts.port ?? 4177, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
