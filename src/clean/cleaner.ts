// One document at a time through the pipeline: html → whitespace → repeat → pii (text steps,
// repeated until the text stops changing, which makes cleaning idempotent), then the drop steps
// fragment → short → dedup. Counts every change, drop and masked span in a CleanReport.
// Not handled: reading or writing documents (stream.ts, node/io.ts).

import { MemoryDedupSet, type DedupSet } from './dedup.js';
import { FragmentMeter } from './fragment.js';
import { hash128 } from './hash.js';
import { cleanMarkup } from './html.js';
import { resolveCleanOptions, PII_KINDS, STEP_NAMES, type CleanOptions, type PiiKind, type ResolvedCleanOptions, type StepName } from './options.js';
import { maskPii } from './pii/mask.js';
import { RepeatReducer } from './repeat.js';
import { normalizeWhitespace } from './whitespace.js';

export interface StepReport {
  /** Documents this step changed (text steps) — 0 for drop steps. */
  changed: number;
  /** Documents this step dropped (drop steps) — 0 for text steps. */
  dropped: number;
}

export interface CleanReport {
  documentsIn: number;
  documentsOut: number;
  /** UTF-16 code units read and written (document text only). */
  charsIn: number;
  charsOut: number;
  /** Documents that were empty after the text steps (part of `steps.short.dropped`). */
  emptyDropped: number;
  steps: Record<StepName, StepReport>;
  /** Spans masked per PII kind, over all documents. */
  pii: Record<PiiKind, number>;
}

export function emptyReport(): CleanReport {
  return {
    documentsIn: 0,
    documentsOut: 0,
    charsIn: 0,
    charsOut: 0,
    emptyDropped: 0,
    steps: Object.fromEntries(STEP_NAMES.map((s) => [s, { changed: 0, dropped: 0 }])) as Record<StepName, StepReport>,
    pii: Object.fromEntries(PII_KINDS.map((k) => [k, 0])) as Record<PiiKind, number>,
  };
}

export interface CleanResult {
  /** The cleaned text, or null when the document was dropped. */
  text: string | null;
  /** The step that dropped the document, or null when it was kept. */
  droppedBy: StepName | null;
}

/** The text steps converge in one or two rounds on real text; the cap guards crafted input. */
const MAX_ROUNDS = 6;
const TEXT_STEPS = ['html', 'whitespace', 'repeat', 'pii'] as const;

export class Cleaner {
  readonly options: ResolvedCleanOptions;
  readonly report: CleanReport = emptyReport();
  private readonly repeat: RepeatReducer;
  private readonly meter: FragmentMeter;
  private readonly seen: DedupSet;
  private readonly key = new Uint32Array(4);
  private readonly changed = new Uint8Array(TEXT_STEPS.length);
  /** Set by `round` when the html step gave up on a document (see cleanMarkup). */
  private unsettled = false;

  constructor(options: CleanOptions = {}) {
    this.options = resolveCleanOptions(options);
    const tokens = PII_KINDS.map((k) => this.options.piiTokens[k]);
    this.repeat = new RepeatReducer(this.options.maxRepeat, tokens);
    this.meter = new FragmentMeter(tokens);
    this.seen = this.options.dedupSet ?? new MemoryDedupSet();
  }

  /** Cleans one document's text and records the outcome in `report`. */
  cleanText(input: string): CleanResult {
    const r = this.report;
    const o = this.options;
    r.documentsIn++;
    r.charsIn += input.length;
    this.changed.fill(0);
    this.unsettled = false;
    let text = input;
    let settled = false;
    for (let round = 0; round < MAX_ROUNDS && !settled && !this.unsettled; round++) {
      const next = this.round(text);
      settled = next === text;
      text = next;
    }
    for (let i = 0; i < TEXT_STEPS.length; i++) if (this.changed[i]) r.steps[TEXT_STEPS[i] as StepName].changed++;

    let drop: StepName | null = null;
    const m = o.steps.fragment || o.steps.short ? this.meter.measure(text) : { chars: 0, symbols: 0 };
    // Text that never settles is markup nested beyond use: a broken fragment (and dropping it keeps
    // cleaning idempotent and linear in time).
    if (o.steps.fragment && (!settled || this.unsettled)) drop = 'fragment';
    else if (o.steps.fragment && m.chars > 0 && m.symbols / m.chars > o.maxSymbolRatio) drop = 'fragment';
    else if (o.steps.short && (text.length === 0 || m.chars < o.minChars)) {
      drop = 'short';
      if (text.trim().length === 0) r.emptyDropped++;
    } else if (o.steps.dedup) {
      hash128(text, this.key);
      if (!this.seen.add(this.key)) drop = 'dedup';
    }
    if (drop) {
      r.steps[drop].dropped++;
      return { text: null, droppedBy: drop };
    }
    r.documentsOut++;
    r.charsOut += text.length;
    return { text, droppedBy: null };
  }

  /** One pass of the text steps; marks in `changed` (indexed like TEXT_STEPS) the ones that changed it. */
  private round(text: string): string {
    const o = this.options;
    const ch = this.changed;
    let t = text;
    let next: string;
    if (o.steps.html) {
      const html = cleanMarkup(t);
      if (html === null) this.unsettled = true;
      else if (html !== t) {
        ch[0] = 1;
        t = html;
      }
    }
    if (o.steps.whitespace && (next = normalizeWhitespace(t, o.maxBlankLines, o.lineBreaks)) !== t) {
      ch[1] = 1;
      t = next;
    }
    if (o.steps.repeat && (next = this.repeat.reduce(t)) !== t) {
      ch[2] = 1;
      t = next;
    }
    if (o.steps.pii) {
      const m = maskPii(t, o.pii, o.piiTokens);
      if (m.text !== t) {
        ch[3] = 1;
        for (const k of PII_KINDS) this.report.pii[k] += m.counts[k];
        t = m.text;
      }
    }
    return t;
  }
}
