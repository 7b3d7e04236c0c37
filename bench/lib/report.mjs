// Formats the peers' results as the two tables `npm run bench` prints: throughput / cold start / RSS
// with ratios to ours, and long-run stability / heap. Pure formatting, no measuring.

const f1 = (x) => (x === undefined || Number.isNaN(x) ? '—' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

function markdown(rows) {
  const line = (r) => `| ${r.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(rows[0]), line(rows[0].map((_, c) => (c === 0 ? '---' : '---:'))), ...rows.slice(1).map(line)].join('\n');
}

function pad(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  ')).join('\n');
}

/** What a peer shows instead of numbers when it did not run or its ids were wrong. */
function status(r) {
  if (r.unavailable) return `not run: ${r.unavailable}`;
  if (r.mismatch) return `IDS DIFFER from tokenizers on ${r.mismatch.workload}: ${r.mismatch.mismatched}/${r.mismatch.of} texts (e.g. ${JSON.stringify(r.mismatch.example)}) — no figures`;
  if (r.crashed) return `crashed: ${r.crashed}`;
  return null;
}

/** The tables as aligned text, or as Markdown when `md` (for bench/RESULTS.md). */
export function formatTables(results, workloads, md = false) {
  const table = md ? markdown : pad;
  const ours = results.find((r) => r.peer === 'ours' && !status(r));
  const header = ['peer'];
  for (const w of workloads) header.push(`${w} MB/s`, 'ours ÷');
  header.push('decode MB/s', 'cold ms', 'RSS MB');
  const rows = [header];
  const notes = [];
  for (const r of results) {
    const s = status(r);
    if (s) {
      notes.push(`${r.peer}: ${s}`);
      rows.push([r.peer, ...header.slice(1).map(() => '—')]);
      continue;
    }
    const row = [r.peer];
    for (const w of workloads) {
      const rw = r.workloads?.[w];
      const v = rw?.encodeMBps;
      const o = ours?.workloads?.[w]?.encodeMBps;
      const partial = rw && rw.encodedMB < rw.MB * 0.999;
      if (partial) notes.push(`${r.peer}: * ${w} stopped at the time budget after ${f1(rw.encodedMB)} of ${f1(rw.MB)} MB`);
      row.push(f1(v) + (partial ? '*' : ''), ours && v ? `${f1(o / v)}x` : '—');
    }
    const dec = workloads.map((w) => r.workloads?.[w]?.decodeMBps).filter((x) => x !== undefined);
    row.push(dec.length ? dec.map(f1).join(' / ') : '—', f1(r.coldMs), f1(r.rssMB));
    rows.push(row);
  }
  const second = [['peer', 'cold: import + load + 1st encode ms', 'stability MB/s pass 1 → last', 'last/first', 'heap peak growth MB by end of quarter 2, 3, 4', 'RSS growth MB', 'ids checked']];
  const notes2 = [];
  for (const r of results) {
    if (status(r)) continue;
    const st = r.stability;
    const hp = r.heap;
    const cp = r.coldParts;
    // Pass 1 stopped by the time budget compares fewer MB than asked: marked, never silent.
    const stShort = st && st.requestedMB !== undefined && st.MB < st.requestedMB * 0.999;
    if (stShort) notes2.push(`${r.peer}: * stability pass 1 stopped at the time budget after ${f1(st.MB)} of ${f1(st.requestedMB)} MB; every pass encodes those ${f1(st.MB)} MB`);
    if (r.gcExposed === false) notes2.push(`${r.peer}: gc() was not exposed (node without --expose-gc): RSS counts garbage and the heap check did not run`);
    second.push([
      r.peer,
      cp ? `${f1(cp.importMs)} + ${f1(cp.loadMs)} + ${f1(cp.firstEncodeMs)}` : '—',
      st ? `${f1(st.passesMBps[0])} → ${f1(st.passesMBps.at(-1))} (${st.passesMBps.length}×${f1(st.MB)} MB${stShort ? '*' : ''})` : '—',
      st ? `${(st.lastOverFirst * 100).toFixed(0)}%` : '—',
      hp ? `${hp.heapGrowthMB.map(f1).join(' ')} of ${f1(hp.heapMB)} (${hp.encodes} encodes)` : '—',
      hp ? f1(hp.rssGrowthMB) : '—',
      String(r.checked ?? '—'),
    ]);
  }
  let out = table(rows);
  if (notes.length) out += '\n\n' + notes.map((n) => (md ? `- ${n}` : n)).join('\n');
  if (second.length > 1) out += '\n\n' + table(second);
  if (notes2.length) out += '\n\n' + notes2.map((n) => (md ? `- ${n}` : n)).join('\n');
  out += `\n\nMB = 1e6 bytes of UTF-8 input; "ours ÷" = our MB/s divided by the peer's (above 1: we are faster).` +
    `\ndecode columns follow the line workloads; cold = import/load + first encode in a fresh process.` +
    (results.some((r) => r.heap && !status(r))
      ? `\nheap = V8 heapUsed + external after a forced GC; growth = highest sample up to the end of the quarter minus quarter 1's highest (the "of" figure)` +
        ` (native Rust memory of tokenizers shows only in RSS; ours-batch's workers are not in the heap figure).`
      : '');
  return out;
}
