// Progress display shared by the commands that do long work (train, count, clean, segment, encode,
// decode): a cli-progress bar (bytes, rate, ETA, phase) when stderr is a terminal, a plain line every
// few seconds otherwise, nothing when quiet; always on stderr. The library only reports numbers
// (TrainProgress); all drawing is here. Input of unknown size (stdin) gets plain lines, no bar.

import cliProgress from 'cli-progress';
import type { CliIO } from './command.js';
import type { TrainProgress } from '../train/train.js';

const MB = 1e6;

/** What a view shows: the trainer's phases, or bytes of input read by a command (`what`: e.g. "encoding"). */
export type ViewProgress = TrainProgress | { phase: 'read'; what: string; bytesDone: number; bytesTotal: number };

function label(p: ViewProgress): { phase: string; value: number; total: number; unit: 'MB' | 'files' | 'merges' } {
  switch (p.phase) {
    case 'read':
      return { phase: p.what, value: p.bytesDone / MB, total: p.bytesTotal / MB, unit: 'MB' };
    case 'count':
    case 'segment':
      return { phase: p.phase === 'count' ? 'counting words' : 'segmenting+counting', value: p.bytesDone / MB, total: p.bytesTotal / MB, unit: 'MB' };
    case 'merge-counts':
      return { phase: p.passes > 1 ? `merging counts (${p.passes} passes)` : 'merging counts', value: p.bytesDone / MB, total: p.bytesTotal / MB, unit: 'MB' };
    case 'read-counts':
      return { phase: 'reading counts', value: p.filesDone, total: p.filesTotal, unit: 'files' };
    case 'merge':
      return { phase: 'merging', value: p.done, total: p.total, unit: 'merges' };
  }
}

export interface ProgressView {
  update(p: ViewProgress): void;
  stop(): void;
}

export interface ProgressViewOptions {
  /** Plain mode: at most one line per this many ms (default: io.progressEveryMs, else 5000). */
  everyMs?: number;
  /**
   * Nothing is shown before this many ms of work (default 0: train shows its phases at once). The
   * commands that are often short (encode, clean, …) pass their interval, so quick runs stay silent.
   */
  delayMs?: number;
  /** The total is unknown (stdin): plain lines with bytes and rate, even on a terminal. */
  unknownTotal?: boolean;
}

export function progressView(io: CliIO, quiet: boolean, who: string, opts: ProgressViewOptions | number = {}): ProgressView {
  const o: ProgressViewOptions = typeof opts === 'number' ? { everyMs: opts } : opts;
  const plainEveryMs = o.everyMs ?? io.progressEveryMs ?? 5000;
  const delayMs = o.delayMs ?? 0;
  if (quiet) return { update: () => undefined, stop: () => undefined };
  const begun = performance.now();
  if (io.isTTY && !o.unknownTotal) {
    const bar = new cliProgress.SingleBar(
      {
        stream: io.stderr as NodeJS.WritableStream,
        format: `${who} {phase} [{bar}] {percentage}% | {value}/{total} {unit} | {rate} | ETA {eta_formatted}`,
        formatValue: (v, _o, type) => (type === 'value' || type === 'total' ? (Number.isInteger(v) ? String(v) : v.toFixed(1)) : String(v)),
        hideCursor: true,
        clearOnComplete: false,
        // The caller decided stderr is a terminal (io.isTTY); draw even when the stream object says otherwise.
        noTTYOutput: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let current = '';
    let started = 0;
    return {
      update(p) {
        if (!current && performance.now() - begun < delayMs) return;
        const l = label(p);
        const secs = (performance.now() - started) / 1000;
        if (l.phase !== current) {
          if (current) bar.stop();
          current = l.phase;
          started = performance.now();
          bar.start(l.total, 0, { phase: l.phase, unit: l.unit, rate: '' });
        }
        const rate = secs > 0 ? `${(l.value / secs).toFixed(1)} ${l.unit}/s` : '';
        bar.setTotal(l.total);
        bar.update(l.value, { rate });
      },
      stop() {
        if (current) bar.stop();
      },
    };
  }
  let last = 0;
  let phase = '';
  let started = performance.now();
  let pending: ViewProgress | null = null; // the latest state not yet printed
  let printed = false;
  const print = (p: ViewProgress, now: number): void => {
    const l = label(p);
    const secs = (now - started) / 1000;
    const rate = secs > 0 ? l.value / secs : 0;
    const eta = rate > 0 ? Math.max(0, (l.total - l.value) / rate) : NaN;
    const pct = l.total > 0 ? Math.floor((100 * l.value) / l.total) : 100;
    const d = l.unit === 'MB' ? 2 : 0;
    const amount = o.unknownTotal ? `${l.value.toFixed(d)} ${l.unit}` : `${l.value.toFixed(d)}/${l.total.toFixed(d)} ${l.unit} (${pct}%)`;
    io.stderr.write(`${who}: ${l.phase} ${amount}, ${rate.toFixed(d)} ${l.unit}/s${!o.unknownTotal && Number.isFinite(eta) && l.value < l.total ? `, ETA ${Math.ceil(eta)}s` : ''}\n`);
    last = now;
    pending = null;
    printed = true;
  };
  return {
    update(p) {
      const now = performance.now();
      if (!printed && now - begun < delayMs) return;
      const name = label(p).phase;
      if (name !== phase) {
        if (pending) print(pending, now); // close the previous phase with its final state
        phase = name;
        started = now;
        last = 0;
      }
      pending = p;
      if (now - last >= plainEveryMs) print(p, now);
    },
    stop() {
      // A run too short to have shown anything ends silently.
      if (pending && (printed || delayMs === 0)) print(pending, performance.now());
    },
  };
}

/** Byte progress over a command's input (what: e.g. "encoding"); total from the file sizes, undefined for stdin. */
export interface InputProgress {
  onBytes(bytesDone: number): void;
  stop(): void;
}

export function inputProgress(io: CliIO, quiet: boolean, who: string, what: string, total: number | undefined): InputProgress {
  const everyMs = io.progressEveryMs ?? 5000;
  const view = progressView(io, quiet, who, { everyMs, delayMs: everyMs, unknownTotal: total === undefined });
  let stopped = false;
  return {
    onBytes: (bytesDone) => {
      if (!stopped) view.update({ phase: 'read', what, bytesDone, bytesTotal: total ?? 0 });
    },
    stop: () => {
      if (!stopped) view.stop();
      stopped = true;
    },
  };
}
