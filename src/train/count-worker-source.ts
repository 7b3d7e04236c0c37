// The counting worker's program, as JavaScript source run with `new Worker(src, { eval: true })`.
// Self-contained on purpose: it does not load any bundle, so it runs the same from TypeScript
// sources, ESM/CJS builds and code-split CLI chunks, and no other module's worker-thread start-up
// code can run in it. It re-states the fast path of words.ts (Split(literal, Removed) + ByteLevel
// with the GPT-2 regex) and of lines.ts; test/train/count-pool.test.ts checks it gives the same counts.

export const COUNT_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const literal = workerData.literal;
const re = new RegExp(workerData.regexSource, workerData.regexFlags);
const B = workerData.byteCodes;
const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
// Short pieces are counted as they are and mapped to byte-level words once each at the end; long
// ones (which V8 would keep as views of their line) are mapped at once. See WordCounts in words.ts.
const raw = new Map();
const long = new Map();

function add(p) {
  if (p.length < 13) raw.set(p, (raw.get(p) || 0) + 1);
  else {
    const w = byteLevel(p, 0, p.length);
    long.set(w, (long.get(w) || 0) + 1);
  }
}

function finalCounts() {
  const out = new Map(long);
  for (const [p, n] of raw) {
    const w = byteLevel(p, 0, p.length);
    out.set(w, (out.get(w) || 0) + n);
  }
  return out;
}

function byteLevel(s, from, to) {
  let out = '';
  for (let i = from; i < to; i++) {
    let cp = s.charCodeAt(i);
    if (cp < 0x80) { out += String.fromCharCode(B[cp]); continue; }
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < to) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) { cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00); i++; }
    }
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x800) out += String.fromCharCode(B[0xc0 | (cp >> 6)], B[0x80 | (cp & 63)]);
    else if (cp < 0x10000) out += String.fromCharCode(B[0xe0 | (cp >> 12)], B[0x80 | ((cp >> 6) & 63)], B[0x80 | (cp & 63)]);
    else out += String.fromCharCode(B[0xf0 | (cp >> 18)], B[0x80 | ((cp >> 12) & 63)], B[0x80 | ((cp >> 6) & 63)], B[0x80 | (cp & 63)]);
  }
  return out;
}

function words(s, from, to) {
  if (from === to) return;
  const part = from === 0 && to === s.length ? s : s.slice(from, to);
  re.lastIndex = 0;
  let prev = 0;
  for (let m = re.exec(part); m !== null; m = re.exec(part)) {
    const st = m.index;
    const en = st + m[0].length;
    if (en === st) { re.lastIndex++; continue; }
    if (st > prev) add(part.slice(prev, st));
    add(part.slice(st, en));
    prev = en;
  }
  if (prev < part.length) add(part.slice(prev));
}

function addLine(line) {
  if (literal === null) { words(line, 0, line.length); return; }
  let from = 0;
  for (let at = line.indexOf(literal); at >= 0; at = line.indexOf(literal, from)) {
    words(line, from, at);
    from = at + literal.length;
  }
  words(line, from, line.length);
}

function addText(text) {
  let n = 0;
  let from = 0;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
    addLine(text.slice(from, nl + 1));
    n++;
    from = nl + 1;
  }
  if (from < text.length) { addLine(text.slice(from)); n++; }
  return n;
}

function countBlock(bytes) {
  try {
    return { lines: addText(fatal.decode(bytes)), invalid: 0 };
  } catch (e) {
    let lines = 0, invalid = 0, from = 0;
    while (from < bytes.length) {
      let nl = bytes.indexOf(0x0a, from);
      nl = nl < 0 ? bytes.length : nl + 1;
      const line = bytes.subarray(from, nl);
      let text;
      try { text = fatal.decode(line); } catch (e2) { text = lenient.decode(line); invalid++; }
      addLine(text);
      lines++;
      from = nl;
    }
    return { lines, invalid };
  }
}

parentPort.on('message', (m) => {
  try {
    if (m.kind === 'block') {
      const r = countBlock(m.bytes);
      parentPort.postMessage({ kind: 'done', bytes: m.bytes.length, lines: r.lines, invalid: r.invalid });
    } else {
      parentPort.postMessage({ kind: 'counts', counts: finalCounts() });
    }
  } catch (e) {
    parentPort.postMessage({ kind: 'error', message: (e && e.stack) || String(e) });
  }
});
`;
