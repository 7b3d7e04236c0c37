// `node bench/token-limit.mjs`: isWithinTokenLimit on ~1 MB strings of precedents with a small limit
// against a full encode of the same strings, interleaved passes in one process, medians and their
// ratio; then the chat variant (isChatWithinTokenLimit over a conversation holding the same text)
// against applyChatTemplate({ tokenize: true }). Needs `npm run build` and ../shared. Checks first
// that the counts agree with encode().ids.length.

import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { distDir } from './lib/peers.mjs';
import { loadWorkload, sharedPath, TOKENIZER_JSON } from './lib/workloads.mjs';

const { values: v } = parseArgs({
  options: { limit: { type: 'string' }, passes: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  strict: true,
});
if (v.help) {
  console.log('usage: node bench/token-limit.mjs [--limit N (default 1000)] [--passes N (default 9)]');
  process.exit(0);
}
const limit = Number(v.limit ?? 1000);
const passes = Number(v.passes ?? 9);

const mod = await import(pathToFileURL(resolve(distDir, 'index.js')).href);
const tok = mod.Tokenizer.fromJSON(readFileSync(sharedPath(TOKENIZER_JSON)));
// Polyglot-Ko ships no chat template: a ChatML one is passed with each call.
const pre = typeof mod.PretrainedTokenizer === 'function' ? new mod.PretrainedTokenizer(tok) : null;
const CHATML = "{% for m in messages %}{{ '<|im_start|>' + m.role + '\\n' + m.content + '<|im_end|>\\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";
const chatOpts = { chatTemplate: CHATML, addGenerationPrompt: true };
const texts = loadWorkload('precedents-1mb', 2).texts; // ~1 MB strings
const mb = (s) => Buffer.byteLength(s) / 1e6;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
};
const time = (f) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};

/** Interleaved passes of each named function; returns the median ms of each. */
function race(fns) {
  const ms = Object.fromEntries(Object.keys(fns).map((k) => [k, []]));
  for (const f of Object.values(fns)) f(); // warm-up
  for (let p = 0; p < passes; p++) for (const [k, f] of Object.entries(fns)) ms[k].push(time(f));
  return Object.fromEntries(Object.entries(ms).map(([k, xs]) => [k, median(xs)]));
}

console.log(`node bench/token-limit.mjs --limit ${limit} --passes ${passes}`);
console.log(`${new Date().toISOString()} · node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 1e9).toFixed(1)} GB`);
for (const text of texts) {
  const full = tok.encode(text).ids.length;
  const got = tok.isWithinTokenLimit(text, limit);
  const exact = tok.isWithinTokenLimit(text, full);
  if (got !== (full <= limit ? full : false) || exact !== full) throw new Error(`count mismatch: encode ${full}, isWithinTokenLimit ${got} / ${exact}`);
  const r = race({
    encode: () => tok.encode(text),
    encodeIds: () => tok.encodeIds(text),
    limit: () => tok.isWithinTokenLimit(text, limit),
  });
  console.log(
    `text ${mb(text).toFixed(2)} MB, ${full} tokens: encode ${r.encode.toFixed(1)} ms, encodeIds ${r.encodeIds.toFixed(1)} ms, ` +
      `isWithinTokenLimit(${limit}) ${r.limit.toFixed(3)} ms → ${(r.encode / r.limit).toFixed(0)}x encode, ${(r.encodeIds / r.limit).toFixed(0)}x encodeIds`,
  );
  if (pre && typeof pre.isChatWithinTokenLimit === 'function') {
    const messages = [
      { role: 'user', content: '다음 판결문을 요약해 주세요.' },
      { role: 'assistant', content: '네, 판결문을 보내 주세요.' },
      { role: 'user', content: text },
    ];
    const chatFull = pre.applyChatTemplate(messages, { ...chatOpts, tokenize: true }).length;
    const chatGot = pre.isChatWithinTokenLimit(messages, limit, chatOpts);
    if (chatGot !== (chatFull <= limit ? chatFull : false) || pre.countChatTokens(messages, chatOpts) !== chatFull) throw new Error(`chat count mismatch: ${chatFull} vs ${chatGot}`);
    const c = race({
      apply: () => pre.applyChatTemplate(messages, { ...chatOpts, tokenize: true }),
      limit: () => pre.isChatWithinTokenLimit(messages, limit, chatOpts),
    });
    console.log(
      `  chat (3 messages, ${chatFull} tokens): applyChatTemplate(tokenize) ${c.apply.toFixed(1)} ms, isChatWithinTokenLimit(${limit}) ${c.limit.toFixed(3)} ms → ${(c.apply / c.limit).toFixed(0)}x`,
    );
  }
}
const m = process.memoryUsage();
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (rss now ${(m.rss / 1e6).toFixed(0)} MB)`);
