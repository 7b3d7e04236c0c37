// Rewrites an exported tiktoken rank file in js-tiktoken's compact `bpe_ranks` form: lines of
// `! <first rank> <base64> <base64> …` for runs of consecutive ranks. Pure string work, no checks
// of its own: exactness is exportTiktoken's job.

import type { TiktokenExport } from './tiktoken.js';

/** The `{ pat_str, special_tokens, bpe_ranks }` object js-tiktoken's `new Tiktoken(…)` takes. */
export function jsTiktokenRanks(ex: TiktokenExport): { pat_str: string; special_tokens: Record<string, number>; bpe_ranks: string } {
  const lines: string[] = [];
  let run: string[] = [];
  let first = -1;
  let next = -1;
  for (const line of ex.rankFile.split('\n')) {
    if (!line) continue;
    const sp = line.indexOf(' ');
    const rank = Number(line.slice(sp + 1));
    if (rank !== next && run.length > 0) {
      lines.push(`! ${first} ${run.join(' ')}`);
      run = [];
    }
    if (run.length === 0) first = rank;
    run.push(line.slice(0, sp));
    next = rank + 1;
  }
  if (run.length > 0) lines.push(`! ${first} ${run.join(' ')}`);
  return { pat_str: ex.pattern, special_tokens: { ...ex.specialTokens }, bpe_ranks: lines.join('\n') };
}
