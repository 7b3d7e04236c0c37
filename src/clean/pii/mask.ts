// The `pii` step: runs every enabled detector, keeps non-overlapping spans (earliest first, then
// longest, then the more specific kind), and replaces each with its kind's token.
// Not handled: PII in other scripts' numerals or spelled out in words (see the detectors' notes).

import type { PiiKind } from '../options.js';
import { findAccount } from './account.js';
import { findCard } from './card.js';
import type { PiiSpan } from './common.js';
import { findEmail } from './email.js';
import { findRrn } from './rrn.js';
import { findTel } from './tel.js';

const DETECTORS: Record<PiiKind, (text: string, out: PiiSpan[]) => void> = {
  rrn: findRrn,
  card: findCard,
  tel: findTel,
  acc: findAccount,
  email: findEmail,
};
/** On equal spans the more specific reading wins: an RRN's date check beats a bank format. */
const PRIORITY: Record<PiiKind, number> = { rrn: 0, card: 1, tel: 2, acc: 3, email: 4 };

export interface MaskResult {
  text: string;
  /** Spans masked per kind in this text. */
  counts: Record<PiiKind, number>;
}

export function findPii(text: string, kinds: Record<PiiKind, boolean>): PiiSpan[] {
  // Nothing to find without a digit or an '@': skip the regexes for most prose.
  if (!/[0-9@]/.test(text)) return [];
  const spans: PiiSpan[] = [];
  for (const k of Object.keys(DETECTORS) as PiiKind[]) if (kinds[k]) DETECTORS[k](text, spans);
  spans.sort((a, b) => a.start - b.start || b.end - a.end || PRIORITY[a.kind] - PRIORITY[b.kind]);
  const kept: PiiSpan[] = [];
  let end = 0;
  for (const s of spans) {
    if (s.start < end) continue;
    kept.push(s);
    end = s.end;
  }
  return kept;
}

export function maskPii(text: string, kinds: Record<PiiKind, boolean>, tokens: Record<PiiKind, string>): MaskResult {
  const counts: Record<PiiKind, number> = { tel: 0, rrn: 0, acc: 0, card: 0, email: 0 };
  const spans = findPii(text, kinds);
  if (spans.length === 0) return { text, counts };
  let out = '';
  let pos = 0;
  for (const s of spans) {
    out += text.slice(pos, s.start) + tokens[s.kind];
    pos = s.end;
    counts[s.kind]++;
  }
  return { text: out + text.slice(pos), counts };
}
