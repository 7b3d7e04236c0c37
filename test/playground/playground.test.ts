// The playground in a real headless Chromium (Debian's chromium, puppeteer-core over a pipe):
// type Korean text, read the count and pieces from the DOM and compare them with the CLI's output
// for the same text, in both modes; keyboard use; no layout jump on a long paste; a phone-width
// viewport without horizontal scrolling. A screenshot goes to test-artifacts/ (not committed).
// Chromium and puppeteer-core are installed by scripts/platforms-install.sh (as .ci/run does).

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDicDir } from '../../src/morph/load-node.js';
import { startPlayground } from '../../src/playground/server.js';
import { runCli } from '../cli/runtime-cli-support.js';
import { corpusLines, OURS, POLYGLOT } from '../eval/support.js';
import { findTool, inCI, need, platformsDir } from '../platform/support.js';
import { repoRoot } from '../support/shared.js';

const chromium = findTool('chromium', [process.env['MBBPE_CHROMIUM'] ?? '', '/usr/bin/chromium', '/usr/bin/chromium-browser']);
const puppeteer = findTool('puppeteer-core', [join(platformsDir, 'node_modules/puppeteer-core/package.json')]);
const appJs = join(repoRoot, 'dist/playground/app.js');
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Page {
  goto(url: string): Promise<unknown>;
  evaluate(code: string): Promise<unknown>;
  focus(sel: string): Promise<void>;
  keyboard: { type(s: string): Promise<void>; press(k: string): Promise<void>; down(k: string): Promise<void>; up(k: string): Promise<void> };
  setViewport(v: { width: number; height: number }): Promise<void>;
  screenshot(o: { path: string; fullPage?: boolean }): Promise<unknown>;
  on(ev: 'pageerror', f: (e: Error) => void): void;
}
interface Browser {
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

describe.runIf((chromium && puppeteer) || inCI)('mbbpe playground in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  let close: () => Promise<void>;
  const errors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(appJs)) throw new Error(`${appJs} is not built: run npm run build first`);
    const tokenizers = [{ name: 'ours', json: readFileSync(OURS) }];
    if (POLYGLOT) tokenizers.push({ name: 'polyglot-ko', json: readFileSync(POLYGLOT) });
    const s = await startPlayground({ tokenizers, dicDir: defaultDicDir(), appJs, port: 0 });
    close = s.close;
    const req = createRequire(join(platformsDir, 'package.json'));
    const mod = (await import(pathToFileURL(req.resolve(need('puppeteer-core', puppeteer))).href.replace(/package\.json$/, '') + 'lib/esm/puppeteer/puppeteer-core.js').catch(
      async () => import(pathToFileURL(req.resolve('puppeteer-core')).href),
    )) as { default?: unknown; launch?: unknown };
    const pptr = (mod.launch ? mod : mod.default) as { launch(o: Record<string, unknown>): Promise<Browser> };
    browser = await pptr.launch({ executablePath: need('chromium', chromium), headless: true, pipe: true, args: FLAGS, timeout: 60_000 });
    page = await browser.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setViewport({ width: 1200, height: 1000 });
    await page.goto(s.url);
    await waitRendered(0);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await close?.();
  });

  const rendered = async (): Promise<number> => Number(await page.evaluate('document.body.dataset.rendered ?? "0"'));
  async function waitRendered(after: number): Promise<number> {
    for (let i = 0; i < 600; i++) {
      const r = await rendered();
      if (r > after) return r;
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error(`the page did not render (errors: ${errors.join('; ')}, status: ${String(await page.evaluate("document.getElementById('status').textContent"))})`);
  }
  const pieces = async (k: number): Promise<string[]> =>
    JSON.parse(String(await page.evaluate(`JSON.stringify([...document.querySelectorAll('#tokens-${k} ruby.t')].map((e) => e.dataset.piece))`))) as string[];
  const count = async (k: number): Promise<number> => Number(await page.evaluate(`document.getElementById('count-${k}').textContent`));
  const visible = (p: string): string => p.replace(/[\u0000-\u001f\u007f ]/g, (c) => (c === ' ' ? '\u2581' : `<0x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}>`));

  async function typeText(text: string): Promise<void> {
    await page.focus('#text');
    await page.evaluate("document.getElementById('text').select()");
    await page.keyboard.press('Backspace');
    const before = await rendered();
    await page.keyboard.type(text);
    await waitRendered(before);
    // Debounced: wait until no newer render follows the last keystroke.
    await new Promise((r) => setTimeout(r, 300));
  }

  it('typed Korean text: count and pieces equal the CLI, in both modes; keyboard toggles the mode', async () => {
    const text = corpusLines(400).slice(0, 3).join(' ');
    await typeText(text);
    const cli = await runCli(['encode', '-t', OURS, '-f', 'pieces', '--no-special', text]);
    const want = cli.out.trim().split(' ');
    expect((await pieces(0)).map(visible)).toEqual(want);
    expect(await count(0)).toBe(want.length);
    if (POLYGLOT) {
      const c2 = await runCli(['encode', '-t', POLYGLOT, '-f', 'pieces', '--no-special', text]);
      expect((await pieces(1)).map(visible)).toEqual(c2.out.trim().split(' '));
    }
    // Keyboard only: Tab from the second select to the checkbox, Space toggles it.
    await page.focus('#tok-1');
    const before = await rendered();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.id')).toBe('aware');
    await page.keyboard.press('Space');
    await waitRendered(before);
    await new Promise((r) => setTimeout(r, 300));
    const m = await runCli(['encode', '-t', OURS, '-f', 'pieces', '--no-special', '--segment', 'mecab', text]);
    expect((await pieces(0)).map(visible)).toEqual(m.out.trim().split(' '));
    expect(String(await page.evaluate("document.getElementById('name-0').textContent"))).toContain('morpheme-aware');
    expect(Number(await page.evaluate('document.querySelectorAll("#morphemes .m").length'))).toBeGreaterThan(5);
    expect(errors).toEqual([]);
  }, 120_000);

  it('a 10 kB paste does not move the layout; phone width has no horizontal scroll; screenshot', async () => {
    const boxes = `JSON.stringify(['text','pane-0','pane-1','morphemes'].map((id) => { const r = document.getElementById(id).getBoundingClientRect(); return [r.top, r.height]; }))`;
    const before = await page.evaluate(boxes);
    let big = '';
    const lines = corpusLines(7);
    for (let i = 0; big.length < 10_000; i++) big += lines[i % lines.length] + '\n';
    const gen = await rendered();
    await page.evaluate(`(() => { const t = document.getElementById('text'); t.value = ${JSON.stringify(big)}; t.dispatchEvent(new Event('input')); })()`);
    await waitRendered(gen);
    const ms = Number(await page.evaluate('document.body.dataset.renderMs'));
    process.stderr.write(`[playground] 10 kB paste re-rendered in ${ms.toFixed(1)} ms (analysis ${String(await page.evaluate("document.body.dataset.analyseMs"))} ms) (recorded in bench/RESULTS.md by bench/playground.mjs)\n`);
    expect(await page.evaluate(boxes)).toEqual(before);
    await page.setViewport({ width: 390, height: 844 });
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(390);
    mkdirSync(join(repoRoot, 'test-artifacts'), { recursive: true });
    await page.screenshot({ path: join(repoRoot, 'test-artifacts/playground.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 120_000);
});
