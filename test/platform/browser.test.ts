// A real headless Chromium (Debian's `chromium`, driven by puppeteer-core over a pipe) loads the
// entries bundled for the browser by esbuild from a loopback http server and gives Node's results.
// Nothing leaves 127.0.0.1: the browser runs with networking extras off.

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { JobResult } from './job.js';
import { ENTRIES, bundleJob, expectSame, findTool, inCI, need, nodeExpected, platformInput, platformsDir, tokenCount } from './support.js';

const input = platformInput();
const chromium = findTool('chromium', [process.env['MBBPE_CHROMIUM'] ?? '', '/usr/bin/chromium', '/usr/bin/chromium-browser']);
const puppeteerDir = join(platformsDir, 'node_modules/puppeteer-core');
const puppeteer = findTool('puppeteer-core', [join(puppeteerDir, 'package.json')]);

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Browser {
  newPage(): Promise<Page>;
  version(): Promise<string>;
  close(): Promise<void>;
}
interface Page {
  on(ev: 'pageerror' | 'console', f: (x: { message?: string; text?: () => string }) => void): void;
  goto(url: string): Promise<unknown>;
  evaluate(code: string): Promise<unknown>;
}

describe.runIf(input && ((chromium && puppeteer) || inCI))('headless Chromium runs the platform-neutral entries like Node', () => {
  let server: Server | null = null;
  let browser: Browser | null = null;
  const profile = mkdtempSync(join(tmpdir(), 'mbbpe-chromium-'));
  const bundles = new Map<string, string>();

  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((r) => (server ? server.close(r) : r(null)));
    rmSync(profile, { recursive: true, force: true });
  });

  async function start(): Promise<string> {
    const body = JSON.stringify(input);
    server = createServer((req, res) => {
      const js = bundles.get(req.url ?? '');
      if (js !== undefined) return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
      if (req.url === '/input.json') return void res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      if (req.url === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><meta charset="utf-8"><title>mbbpe</title>');
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    const exe = need('chromium', chromium);
    need('puppeteer-core', puppeteer);
    const req = createRequire(join(platformsDir, 'package.json'));
    const mod = (await import(pathToFileURL(req.resolve('puppeteer-core')).href)) as { default?: unknown; launch?: unknown };
    const pptr = (mod.launch ? mod : mod.default) as { launch(o: Record<string, unknown>): Promise<Browser> };
    browser = await pptr.launch({ executablePath: exe, headless: true, pipe: true, userDataDir: profile, args: CHROMIUM_FLAGS, timeout: 180_000, protocolTimeout: 240_000 });
    return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  }

  let origin: Promise<string> | null = null;

  it.each(ENTRIES)('%s', async (entry) => {
    const want = await nodeExpected(entry, input!);
    const path = `/${entry.replace('/', '-')}.js`;
    const js = await bundleJob(entry, 'export function run(input) { return job(lib, input); }');
    bundles.set(path, js);
    origin ??= start();
    const url = await origin;
    const page = await browser!.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e.message ?? e)));
    await page.goto(`${url}/`);
    // A string, not a function: vitest would rewrite a dynamic import inside a function body.
    const code = `(async () => { const m = await import(${JSON.stringify(path)}); const input = await (await fetch('/input.json')).json(); return JSON.stringify(m.run(input)); })()`;
    const got = JSON.parse((await page.evaluate(code)) as string) as JobResult[];
    expect(errors).toEqual([]);
    expectSame(`Chromium ${entry}`, want, got, input!);
    process.stderr.write(`[platform chromium] ${await browser!.version()} ${entry}: ${input!.lines.length} lines × ${want.length} tokenizers, ${tokenCount(want)} tokens identical (bundle ${js.length} bytes)\n`);
  }, 300_000); // a hang guard only: a loaded machine may need minutes (vitest's default is 120 s)
});
