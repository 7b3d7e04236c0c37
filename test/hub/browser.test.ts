// The platform-neutral entry in a real browser (headless Chromium named by MBBPE_HUB_CHROMIUM; loud
// SKIP otherwise): the bundle loads with no Node modules, fetch's hidden redirects are handled, the
// Cache API store fills on the first load and serves a localFilesOnly load, errors keep their class.
// Servers: fake hub 127.0.0.1 (CORS on), CDN 127.0.0.2, test page 127.0.0.3 — all loopback.

import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeHub, type FakeHub } from './hub-server.js';
import { COMMIT, REPO, polyglotFiles, polyglotRepo, removeTempDirs, tempDir } from './fixture.js';

const chromium = process.env['MBBPE_HUB_CHROMIUM'];
if (!chromium) process.stderr.write('\n*** SKIP (hub browser): MBBPE_HUB_CHROMIUM is not set to a Chromium binary — this suite did not run ***\n\n');
const files = chromium ? polyglotFiles('hub browser') : null;

interface PageResult {
  error?: string;
  eos?: string | null;
  commit?: string | null;
  ids?: number[];
  offlineEos?: string | null;
  offlineCommit?: string | null;
  cacheUrls?: string[];
  missingRepo?: string;
  requestsBeforeOffline?: number;
}

async function bundle(): Promise<string> {
  const esbuild = await import('esbuild');
  const here = dirname(fileURLToPath(import.meta.url));
  const out = await esbuild.build({ entryPoints: [join(here, 'browser-entry.ts')], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent' });
  return out.outputFiles[0]!.text;
}

(files ? describe : describe.skip)('hub loading in headless Chromium', () => {
  let hub: FakeHub;
  let page: Server;
  let browser: ChildProcess | null = null;

  afterAll(async () => {
    if (browser && browser.exitCode === null && browser.signalCode === null) {
      // Wait for the exit: Chromium writes its profile folder until it is gone.
      const exited = new Promise((r) => browser!.once('exit', r));
      browser.kill('SIGTERM'); // lets Chromium take its helper processes down with it
      const force = setTimeout(() => browser?.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(force);
    }
    await hub?.close();
    page?.closeAllConnections();
    await new Promise((r) => (page ? page.close(r) : r(null)));
    removeTempDirs();
  });

  it('loads from the hub into the Cache API, then offline from it', async () => {
    hub = await startFakeHub(new Map([[REPO, polyglotRepo(files!)]]), { cors: true });
    const js = await bundle();
    expect(js).not.toMatch(/from\s*["']node:/);
    let resolveResult!: (r: PageResult) => void;
    const result = new Promise<PageResult>((r) => (resolveResult = r));
    const html = `<!doctype html><script type="module">
      import * as hub from './bundle.js';
      const out = {};
      try {
        const t = await hub.fromPretrained(${JSON.stringify(REPO)}, { endpoint: ${JSON.stringify(hub.endpoint)}, env: {} });
        out.eos = t.eosToken; out.commit = t.source.commit; out.ids = t.encode('안녕하세요').ids;
        out.requestsBeforeOffline = (await (await fetch('/count')).json()).n;
        const again = await hub.fromPretrained(${JSON.stringify(REPO)}, { localFilesOnly: true });
        out.offlineEos = again.eosToken; out.offlineCommit = again.source.commit;
        out.cacheUrls = (await (await caches.open('mbbpe-hub')).keys()).map((r) => r.url);
        try {
          await hub.fromPretrained('missing/repo', { endpoint: ${JSON.stringify(hub.endpoint)}, env: {}, store: new hub.MemoryStore() });
        } catch (e) { out.missingRepo = e.name; }
      } catch (e) { out.error = String((e && e.stack) || e); }
      await fetch('/result', { method: 'POST', body: JSON.stringify(out) });
    </script>`;
    page = createServer((req, res) => {
      if (req.url === '/page.html') return void res.writeHead(200, { 'content-type': 'text/html' }).end(html);
      if (req.url === '/bundle.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
      if (req.url === '/count') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ n: hub.log.length }));
      if (req.url === '/result' && req.method === 'POST') {
        let body = '';
        req.on('data', (d) => (body += d));
        req.on('end', () => {
          res.writeHead(204).end();
          resolveResult(JSON.parse(body) as PageResult);
        });
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => page.listen(0, '127.0.0.3', () => r()));
    const url = `http://127.0.0.3:${(page.address() as AddressInfo).port}/page.html`;
    browser = spawn(chromium!, ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', `--user-data-dir=${tempDir('chromium')}`, url], { stdio: 'ignore' });
    const timeout = new Promise<PageResult>((_, reject) => setTimeout(() => reject(new Error('no result from the page within 60 s')), 60_000));
    const r = await Promise.race([result, timeout]);
    const before = r.requestsBeforeOffline ?? -1;
    expect(r.error).toBeUndefined();
    expect(r.eos).toBe('<|endoftext|>');
    expect(r.ids?.length).toBeGreaterThan(0);
    expect(r.offlineEos).toBe('<|endoftext|>');
    expect(r.offlineCommit).toBe(r.commit);
    expect(r.cacheUrls?.some((u) => u.includes('tokenizer.json'))).toBe(true);
    expect(r.missingRepo).toBe('HubNotFoundError');
    // The offline load made no request to the hub or the CDN (only the missing-repo probe followed it).
    expect(hub.log.slice(before).every((x) => x.path.startsWith('/missing/repo/'))).toBe(true);
    process.stderr.write(`[hub browser] commit seen by the browser: ${r.commit ?? 'hidden'} (hub's: ${COMMIT})\n`);
  });
});
