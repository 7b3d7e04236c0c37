// NFC / NFD / NFKC / NFKD with the reference's alignments. Text is cut into segments that normalize
// independently (a boundary before every starter that does not interact with what precedes it).
// In a segment, each char decomposes in place (first char replaces, the rest are inserted); a
// composition adds up the changes of what it composes, minus one per char absorbed — the
// reference's (unicode-normalization-alignments) bookkeeping, checked against it in tests.
// Uses String.prototype.normalize, corrected by a generated table where the reference's older
// Unicode tables disagree. Does not handle: compositions across a blocked (non-adjacent) mark.

import type { Change, NormalizedString } from '../tokenizer/normalized.js';
import type { Normalizer } from './types.js';
import { NORMALIZATION_OVERRIDES } from './unicode-overrides.generated.js';

export type Form = 'NFC' | 'NFD' | 'NFKC' | 'NFKD';

function segmentChanges(seg: string[], form: Form, out: Change[]): void {
  const whole = seg.join('');
  const norm = whole.normalize(form);
  if (norm === whole) {
    for (const c of seg) out.push([c, 0]);
    return;
  }
  // Decomposition of each char in place: the first char replaces it, the rest are inserted.
  const decomp = form === 'NFC' || form === 'NFD' ? 'NFD' : 'NFKD';
  const d: Change[] = [];
  for (const c of seg) [...c.normalize(decomp)].forEach((x, i) => d.push([x, i === 0 ? 0 : 1]));
  const target = [...norm];
  if (decomp === form) {
    // NFD/NFKD: same chars, possibly reordered (canonical ordering); changes keep their order.
    if (d.length === target.length) {
      target.forEach((t, i) => out.push([t, d[i]![1]]));
      return;
    }
  } else {
    // NFC/NFKC: each output char composes a run of decomposed chars; the reference adds up their
    // changes and counts each composition as a removal (e.g. e + U+0301 → é with change -1).
    const groups: Change[] = [];
    let p = 0;
    for (const t of target) {
      let q = p + 1;
      let acc = d[p]?.[0] ?? '';
      while (q <= d.length && acc.normalize(form) !== t) acc += d[q++]?.[0] ?? '';
      if (q > d.length && acc.normalize(form) !== t) break;
      let change = 0;
      for (let k = p; k < q; k++) change += d[k]![1];
      groups.push([t, change - (q - p - 1)]);
      p = q;
    }
    if (groups.length === target.length && p === d.length) {
      out.push(...groups);
      return;
    }
  }
  // Anything else: one-to-one from the start, surplus inserted or removed at the end.
  const m = seg.length;
  const k = target.length;
  for (let i = 0; i < k; i++) {
    if (i < m - 1 && i < k - 1) out.push([target[i]!, 0]);
    else if (i === Math.min(m, k) - 1) out.push([target[i]!, -(m - k > 0 ? m - k : 0)]);
    else out.push([target[i]!, 1]);
  }
}

export class UnicodeNormalizer implements Normalizer {

  private readonly overrides: Readonly<Record<string, string>>;

  constructor(readonly form: Form) {
    this.overrides = NORMALIZATION_OVERRIDES[form] ?? {};
  }

  normalize(ns: NormalizedString): void {
    const s = ns.s;
    const form = this.form;
    const ov = this.overrides;
    const override = (c: string): string | undefined => ov[c.codePointAt(0)!.toString(16)];
    let anyOverride = false;
    for (const c of s) if (c.codePointAt(0)! >= 0x80 && override(c) !== undefined) anyOverride = true;
    if (!anyOverride && s.normalize(form) === s) return;
    const changes: Change[] = [];
    let seg: string[] = [];
    let segText = '';
    for (const c of s) {
      // Characters the reference's (older) tables normalize differently stand alone, as it sees them.
      const o = c.codePointAt(0)! >= 0x80 ? override(c) : undefined;
      if (o !== undefined) {
        if (seg.length) segmentChanges(seg, form, changes);
        seg = [];
        segText = '';
        [...o].forEach((x, i) => changes.push([x, i === 0 ? 0 : 1]));
        continue;
      }
      // `c` starts a new segment when it is a starter and appending it changes nothing before it.
      if (seg.length > 0 && isStarter(c) && (segText + c).normalize(form) === segText.normalize(form) + c.normalize(form)) {
        segmentChanges(seg, form, changes);
        seg = [];
        segText = '';
      }
      seg.push(c);
      segText += c;
    }
    if (seg.length) segmentChanges(seg, form, changes);
    ns.transform(changes, 0);
  }
}

/** Whether `c` decomposes to a char that is a starter (canonical combining class 0). */
function isStarter(c: string): boolean {
  const d = c.normalize('NFD');
  const first = String.fromCodePoint(d.codePointAt(0)!);
  // A mark (non-starter) after 'a' would stay in place but is a mark; starters are everything else.
  return ('a' + first).normalize('NFD') === 'a' + first && !/\p{M}/u.test(first);
}
