// Turns a byte-level BPE vocabulary + merge list into tiktoken ranks (rank = token id) and proves that
// tiktoken's rank-driven merging gives the same ids as the merge list on every input (conditions below).
// It does not look at pre-tokenization or added tokens; tiktoken.ts combines those.

import { charCodeToByte } from '../models/bpe/byte-level.js';
import { TiktokenExportError } from './errors.js';

// Design notes — why these checks are enough. Cost: one naive BPE per token, a few hundred ms for 30k.
// tiktoken merges ANY adjacent pair whose concatenation is a token, lowest rank first; Hugging Face's
// BPE merges only listed pairs. With rank = id they agree on every input when:
//  (1) merge k's result has a larger id than merge k-1's (rank order = merge order), results are unique;
//  (2) each merge's operands are single bytes or results of earlier merges, so the minimum pending rank
//      never decreases during a run;
//  (3) every multi-byte token is "reachable": BPE of its own bytes ends in exactly that token.
// Proof sketch: let both runs agree up to a step where tiktoken would merge a pair (c,d) that is not the
// list's next merge. c|d spans a union of current symbols, and by (2) the symbols inside such a span are
// exactly what BPE of the span's bytes alone produces after the same ranks. By (3) that isolated run
// reaches T = c+d through T's own merge (a,b) at rank(T): if rank(T) is below the list's current
// minimum the span would already be [T]; if equal, it would be [a,b], not [c,d]. Either way a
// contradiction, so the runs never diverge. tiktoken's whole-piece shortcut (a piece that is a token
// maps to that token) is (3) itself.

function refuse(reason: 'not-byte-level' | 'missing-byte' | 'merge-invalid' | 'merge-order' | 'unreachable-token', path: string, detail: string, hint: string): never {
  throw new TiktokenExportError(reason, path, detail, hint);
}

/** The bytes a byte-level token string stands for, or null when a character is outside the alphabet. */
export function byteLevelToBytes(token: string): Uint8Array | null {
  const out = new Uint8Array(token.length);
  for (let i = 0; i < token.length; i++) {
    const b = charCodeToByte(token.charCodeAt(i));
    if (b < 0) return null;
    out[i] = b;
  }
  return out;
}

/** One merge as its two operand strings; tokenizer.json stores either "a b" or ["a", "b"]. */
function mergeOperands(m: unknown, path: string): [string, string] {
  if (typeof m === 'string') {
    const sp = m.indexOf(' ');
    if (sp > 0 && sp === m.lastIndexOf(' ')) return [m.slice(0, sp), m.slice(sp + 1)];
  } else if (Array.isArray(m) && m.length === 2 && typeof m[0] === 'string' && typeof m[1] === 'string') {
    return [m[0], m[1]];
  }
  refuse('merge-invalid', path, `merge ${JSON.stringify(m)} is neither "left right" nor ["left", "right"]`, 'fix the merge list');
}

export interface RankTable {
  /** Token bytes by id, for every id that goes in the rank file (ascending id order). */
  entries: Array<{ id: number; bytes: Uint8Array }>;
  merges: number;
  /** Pairs (c,d) with c+d a token that are not merges — tiktoken sees them, harmless by the notes above. */
  alternativeSplits: number;
}

/**
 * Checks conditions (1)-(3) and returns the rank table. `vocab` is `$.model.vocab`, `merges` is
 * `$.model.merges`; ids in `exclude` (added tokens, handled as tiktoken special tokens) are left out.
 */
export function buildRankTable(vocabObject: Record<string, number>, merges: unknown[], exclude: ReadonlySet<number>): RankTable {
  // A Map: 30k-key objects are in dictionary mode and several times slower to probe.
  const vocab = new Map(Object.entries(vocabObject));
  const bytesById = new Map<number, Uint8Array>();
  let maxId = 0;
  const byteIds = new Int32Array(256).fill(-1);
  for (const [token, id] of vocab) {
    maxId = Math.max(maxId, id);
    if (exclude.has(id)) continue;
    const bytes = byteLevelToBytes(token);
    if (!bytes || bytes.length === 0) {
      refuse('not-byte-level', `$.model.vocab[${JSON.stringify(token)}]`, 'token is not written in the GPT-2 byte alphabet', 'only byte-level BPE vocabularies can be exported');
    }
    bytesById.set(id, bytes);
    if (bytes.length === 1) byteIds[bytes[0]!] = id;
  }
  const missing = byteIds.indexOf(-1);
  if (missing >= 0) {
    refuse('missing-byte', '$.model.vocab', `no token for byte 0x${missing.toString(16).padStart(2, '0')}`, 'a byte-level vocabulary needs all 256 single-byte tokens');
  }

  // Pair → (rank, result) as numbers: key = left * stride + right, rank = merge index.
  const stride = maxId + 1;
  const pairRank = new Map<number, number>();
  const mergeResult: number[] = [];
  const rankOfResult = new Map<number, number>();
  for (let k = 0; k < merges.length; k++) {
    const path = `$.model.merges[${k}]`;
    const [l, r] = mergeOperands(merges[k], path);
    const li = vocab.get(l);
    const ri = vocab.get(r);
    const res = vocab.get(l + r);
    if (li === undefined || ri === undefined || res === undefined) {
      refuse('merge-invalid', path, `an operand or the result ${JSON.stringify(l + r)} is not in the vocabulary`, 'fix the merge list');
    }
    if (rankOfResult.has(res)) refuse('merge-invalid', path, `${JSON.stringify(l + r)} is produced by two merges`, 'tiktoken has one rank per token');
    const prev = mergeResult[k - 1];
    if (prev !== undefined && res <= prev) {
      refuse('merge-order', path, `merge ${k} yields id ${res}, not above merge ${k - 1}'s id ${prev}`, 'tiktoken ranks are ids, so merge order must equal id order');
    }
    for (const op of [li, ri]) {
      const opRank = rankOfResult.get(op);
      if (opRank === undefined && bytesById.get(op)?.length !== 1) {
        refuse('merge-order', path, `operand id ${op} is neither a single byte nor an earlier merge's result`, 'merges must be listed in the order they were learned');
      }
    }
    if (!pairRank.has(li * stride + ri)) pairRank.set(li * stride + ri, k);
    mergeResult.push(res);
    rankOfResult.set(res, k);
  }

  const entries: RankTable['entries'] = [];
  let alternativeSplits = 0;
  for (const [token, id] of vocab) {
    const bytes = bytesById.get(id);
    if (!bytes) continue; // an excluded (added) token
    entries.push({ id, bytes });
    if (bytes.length < 2) continue;
    if (!reachable(bytes, id, byteIds, pairRank, mergeResult, stride)) {
      refuse('unreachable-token', `$.model.vocab (id ${id})`, 'BPE of the token\'s own bytes does not produce it', 'tiktoken would emit this token where the merge list does not; remove it or add its merge');
    }
    alternativeSplits += countAlternativeSplits(token, vocab, exclude, pairRank, stride);
  }
  entries.sort((a, b) => a.id - b.id);
  return { entries, merges: merges.length, alternativeSplits };
}

/** Naive BPE (leftmost lowest-rank pair first) over the token's own bytes: does it end in [id]? */
function reachable(bytes: Uint8Array, id: number, byteIds: Int32Array, pairRank: Map<number, number>, mergeResult: number[], stride: number): boolean {
  const syms = Array.from(bytes, (b) => byteIds[b]!);
  for (;;) {
    let best = -1;
    let bestRank = Infinity;
    for (let i = 0; i + 1 < syms.length; i++) {
      const rank = pairRank.get(syms[i]! * stride + syms[i + 1]!);
      if (rank !== undefined && rank < bestRank) {
        bestRank = rank;
        best = i;
      }
    }
    if (best < 0) break;
    syms.splice(best, 2, mergeResult[bestRank]!);
  }
  return syms.length === 1 && syms[0] === id;
}

/** Splits c|d of a token where both sides are rankable tokens but (c,d) is not a merge. */
function countAlternativeSplits(token: string, vocab: Map<string, number>, exclude: ReadonlySet<number>, pairRank: Map<number, number>, stride: number): number {
  let n = 0;
  for (let i = 1; i < token.length; i++) {
    const c = vocab.get(token.slice(0, i));
    const d = vocab.get(token.slice(i));
    if (c === undefined || d === undefined || exclude.has(c) || exclude.has(d)) continue;
    if (!pairRank.has(c * stride + d)) n++;
  }
  return n;
}
