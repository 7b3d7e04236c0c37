// A local stand-in for the Hugging Face Hub on 127.0.0.1 and its CDN on 127.0.0.2 (ephemeral ports), for tests only. It
// answers `/{repo}/resolve/{revision}/{file}` the way the hub does: LFS files by a 302 to a CDN on
// another origin with X-Linked-Etag (sha256) / X-Linked-Size, regular files by a relative 307 to
// /api/resolve-cache/… and then 200 with ETag = git blob sha1; X-Repo-Commit and X-Error-Code
// headers; HEAD like GET without a body. Faults can be injected per file. Every request is logged.

import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRepo {
  commit: string;
  /** file name → bytes */
  files: Map<string, Buffer>;
  /** files served through the CDN redirect, as LFS files are */
  lfs: Set<string>;
  /** branch/tag names that resolve to `commit` (besides the commit itself) */
  refs: string[];
  /** answer 401 RepoNotFound to requests without this token (a private repo) */
  token?: string;
}

export type Fault = { status: number; code?: string } | { drop: 'body' | 'headers' } | { hang: true } | { plain: true };

export interface LoggedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  server: 'hub' | 'cdn';
}

export interface FakeHub {
  endpoint: string;
  cdn: string;
  repos: Map<string, FakeRepo>;
  /** file name → fault, applied to the hub's resolve answer for that file */
  faults: Map<string, Fault>;
  log: LoggedRequest[];
  close(): Promise<void>;
}

export function gitBlobSha1(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function listen(server: Server, host: string): Promise<string> {
  return new Promise((resolve) => server.listen(0, host, () => resolve(`http://${host}:${(server.address() as AddressInfo).port}`)));
}

function send(res: ServerResponse, req: IncomingMessage, status: number, headers: Record<string, string>, body?: Buffer): void {
  const h: Record<string, string> = { ...headers };
  if (body) h['content-length'] = String(body.length);
  res.writeHead(status, h);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** The final 200; with a `drop: 'body'` fault, half the body then a reset (content-length promised all). */
function serveBytes(req: IncomingMessage, res: ServerResponse, headers: Record<string, string>, bytes: Buffer, fault: Fault | undefined): void {
  if (fault && 'drop' in fault && fault.drop === 'body' && req.method !== 'HEAD') {
    res.writeHead(200, { ...headers, 'content-length': String(bytes.length) });
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => req.socket.destroy());
    return;
  }
  send(res, req, 200, headers, bytes);
}

function error(res: ServerResponse, req: IncomingMessage, status: number, code: string | null, extra: Record<string, string> = {}): void {
  const h: Record<string, string> = { 'content-type': 'application/json', ...extra };
  if (code) {
    h['x-error-code'] = code;
    h['x-error-message'] = `${code} (fake hub)`;
  }
  send(res, req, status, h, Buffer.from(JSON.stringify({ error: code ?? `HTTP ${status}` })));
}

const CORS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'x-repo-commit, x-linked-etag, x-linked-size, etag, x-error-code, x-error-message, location',
};

/** With `cors`, every answer carries the CORS headers a browser needs, and OPTIONS preflights pass. */
function corsPreflight(req: IncomingMessage, res: ServerResponse, cors: boolean): boolean {
  if (!cors) return false;
  for (const [k, v] of Object.entries(CORS)) res.setHeader(k, v);
  if (req.method !== 'OPTIONS') return false;
  res.writeHead(204, { 'access-control-allow-headers': 'authorization', 'access-control-allow-methods': 'GET, HEAD' });
  res.end();
  return true;
}

export async function startFakeHub(repos: Map<string, FakeRepo>, opts: { cors?: boolean } = {}): Promise<FakeHub> {
  const cors = opts.cors ?? false;
  const faults = new Map<string, Fault>();
  const log: LoggedRequest[] = [];
  const blobs = new Map<string, { file: string; bytes: Buffer }>();
  for (const repo of repos.values()) for (const [file, bytes] of repo.files) if (repo.lfs.has(file)) blobs.set(sha256(bytes), { file, bytes });

  const cdnServer = createServer((req, res) => {
    if (corsPreflight(req, res, cors)) return;
    log.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization, server: 'cdn' });
    const m = /^\/blobs\/([0-9a-f]{64})$/.exec(req.url ?? '');
    const blob = m ? blobs.get(m[1]!) : undefined;
    if (!blob) return error(res, req, 404, null);
    serveBytes(req, res, { 'content-type': 'application/octet-stream', etag: `"${m![1]}"` }, blob.bytes, faults.get(blob.file));
  });
  // Another loopback address, so the CDN is another *host* (not just another port) as on the real hub:
  // huggingface_hub compares host names when deciding whether a redirect leaves the hub.
  const cdn = await listen(cdnServer, '127.0.0.2');

  const hubServer = createServer((req, res) => {
    if (corsPreflight(req, res, cors)) return;
    const url = decodeURI(req.url ?? '');
    log.push({ method: req.method ?? '', path: url, authorization: req.headers.authorization, server: 'hub' });
    const cache = /^\/api\/resolve-cache\/models\/([^/]+\/[^/]+)\/([0-9a-f]{40})\/(.+)$/.exec(url);
    const resolve = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(url);
    const m = cache ?? resolve;
    if (!m) return error(res, req, 404, null);
    const [, repoId, revision, file] = m as unknown as [string, string, string, string];
    const repo = repos.get(repoId);
    if (!repo || (repo.token !== undefined && req.headers.authorization !== `Bearer ${repo.token}`)) {
      // The hub answers 401 RepoNotFound for missing and for private repos alike.
      return error(res, req, 401, 'RepoNotFound');
    }
    if (revision !== repo.commit && !repo.refs.includes(revision)) return error(res, req, 404, 'RevisionNotFound');
    const fault = resolve ? faults.get(file) : undefined;
    // `plain`: answer like an ordinary web server (no X-Repo-Commit).
    const commitHeader: Record<string, string> = fault && 'plain' in fault ? {} : { 'x-repo-commit': repo.commit };
    if (fault && 'status' in fault) return error(res, req, fault.status, fault.code ?? null, commitHeader);
    if (fault && 'drop' in fault && fault.drop === 'headers') return void req.socket.destroy();
    if (fault && 'hang' in fault) return; // never answer; close() ends the socket
    const bytes = repo.files.get(file);
    if (!bytes) return error(res, req, 404, 'EntryNotFound', commitHeader);
    if (resolve && repo.lfs.has(file)) {
      const sum = sha256(bytes);
      return send(res, req, 302, { ...commitHeader, location: `${cdn}/blobs/${sum}`, 'x-linked-etag': `"${sum}"`, 'x-linked-size': String(bytes.length), etag: `"${gitBlobSha1(Buffer.from('pointer'))}"` });
    }
    if (resolve) {
      return send(res, req, 307, { ...commitHeader, location: `/api/resolve-cache/models/${repoId}/${repo.commit}/${file}`, etag: `"${gitBlobSha1(bytes)}"` });
    }
    serveBytes(req, res, { ...commitHeader, etag: `"${gitBlobSha1(bytes)}"`, 'content-type': 'application/json' }, bytes, faults.get(file));
  });
  const endpoint = await listen(hubServer, '127.0.0.1');

  return {
    endpoint,
    cdn,
    repos,
    faults,
    log,
    close: async () => {
      hubServer.closeAllConnections();
      cdnServer.closeAllConnections();
      await Promise.all([new Promise((r) => hubServer.close(r)), new Promise((r) => cdnServer.close(r))]);
    },
  };
}
