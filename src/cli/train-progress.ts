// Progress display shared by `mbbpe train` and `mbbpe count`: a cli-progress bar (bytes, rate, ETA,
// phase) when stderr is a terminal, a plain line every few seconds otherwise, nothing when quiet.
// The library only reports numbers (TrainProgress); all drawing is here.

import cliProgress from 'cli-progress';
import type { CliIO } from './command.js';
import type { TrainProgress } from '../train/train.js';

const MB = 1e6;

function label(p: TrainProgress): { phase: string; value: number; total: number; unit: 'MB' | 'files' | 'merges' } {
  switch (p.phase) {
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
  update(p: TrainProgress): void;
  stop(): void;
}

export function progressView(io: CliIO, quiet: boolean, who: string, plainEveryMs = 5000): ProgressView {
  if (quiet) return { update: () => undefined, stop: () => undefined };
  if (io.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream: io.stderr as NodeJS.WritableStream,
        format: `${who} {phase} [{bar}] {percentage}% | {value}/{total} {unit} | {rate} | ETA {eta_formatted}`,
        formatValue: (v, _o, type) => (type === 'value' || type === 'total' ? (Number.isInteger(v) ? String(v) : v.toFixed(1)) : String(v)),
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
    let current = '';
    let started = 0;
    return {
      update(p) {
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
  let pending: TrainProgress | null = null; // the latest state not yet printed
  const print = (p: TrainProgress, now: number): void => {
    const l = label(p);
    const secs = (now - started) / 1000;
    const rate = secs > 0 ? l.value / secs : 0;
    const eta = rate > 0 ? Math.max(0, (l.total - l.value) / rate) : NaN;
    const pct = l.total > 0 ? Math.floor((100 * l.value) / l.total) : 100;
    const d = l.unit === 'MB' ? 2 : 0;
    io.stderr.write(
      `${who}: ${l.phase} ${l.value.toFixed(d)}/${l.total.toFixed(d)} ${l.unit} (${pct}%)` +
        `, ${rate.toFixed(d)} ${l.unit}/s${Number.isFinite(eta) && l.value < l.total ? `, ETA ${Math.ceil(eta)}s` : ''}\n`,
    );
    last = now;
    pending = null;
  };
  return {
    update(p) {
      const now = performance.now();
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
      if (pending) print(pending, performance.now());
    },
  };
}
