// The chat token budget: countChatTokens(messages, options) is applyChatTemplate(messages,
// options).length and isChatWithinTokenLimit gives that count or false at every limit — under
// fast-check conversations (Korean, special-token text typed by a user, whitespace, empty turns),
// for ChatML- and Llama-3-style templates, with and without a generation prompt, and with a
// tokenizer whose post-processor adds special tokens (which a chat count must not add: the template
// wrote them). Options are applyChatTemplate's; `tokenize` is refused.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChatTemplateError } from '../../src/chat/template.js';
import { InvalidOptionError } from '../../src/config/errors.js';
import { buildPretrained } from '../../src/hub/pretrained.js';
import { hostileString, runSeed, SOAK } from '../runtime/support.js';
import { repoRoot } from '../support/shared.js';

const jsonText = readFileSync(join(repoRoot, 'vocab/mbbpe-ko-30k/tokenizer.json'), 'utf8');
const template = (name: string): string => readFileSync(join(repoRoot, `test/chat/templates/${name}.jinja`), 'utf8');
const config = (chatTemplate: string): string => JSON.stringify({ bos_token: '<|endoftext|>', eos_token: '<|endoftext|>', chat_template: chatTemplate });

// The same vocabulary with a post-processor that wraps every encode in <|endoftext|> … <|sep|>.
const withTemplateProcessing = JSON.stringify({
  ...(JSON.parse(jsonText) as Record<string, unknown>),
  post_processor: {
    type: 'TemplateProcessing',
    single: [{ SpecialToken: { id: '<|endoftext|>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '<|sep|>', type_id: 0 } }],
    pair: [{ Sequence: { id: 'A', type_id: 0 } }, { Sequence: { id: 'B', type_id: 1 } }],
    special_tokens: { '<|endoftext|>': { id: '<|endoftext|>', ids: [2], tokens: ['<|endoftext|>'] }, '<|sep|>': { id: '<|sep|>', ids: [3], tokens: ['<|sep|>'] } },
  },
});

const content = fc.oneof(
  { weight: 3, arbitrary: hostileString(8) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...'안녕하세요 질문이 있어요. 답변 부탁드립니다!\n'.split('')), maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '  padded  ', '<|endoftext|>', '사용자 <|endoftext|>', '<|sep|><|acc|>') },
);
const conversation = fc.array(fc.record({ role: fc.constantFrom('system', 'user', 'assistant'), content }), { minLength: 1, maxLength: 6 });
const FIXED_NOW = () => new Date(2026, 11, 3, 12, 0, 0);

describe('countChatTokens / isChatWithinTokenLimit count exactly what applyChatTemplate returns', () => {
  const seed = runSeed('chat token budget');
  const chats = fc.sample(conversation, { seed, numRuns: 150 * SOAK });
  for (const [name, json] of [
    ['ByteLevel post-processor', jsonText],
    ['TemplateProcessing post-processor (adds special tokens to a plain encode)', withTemplateProcessing],
  ] as const) {
    for (const tpl of ['chatml-tools', 'llama3']) {
      it(`${tpl}, ${name}`, () => {
        const tok = buildPretrained(json, config(template(tpl)), null);
        let addsSpecial = 0;
        for (const messages of chats) {
          for (const opts of [{ now: FIXED_NOW }, { now: FIXED_NOW, addGenerationPrompt: true }]) {
            const n = tok.applyChatTemplate(messages, opts).length;
            expect(tok.countChatTokens(messages, opts), `seed ${seed} ${JSON.stringify(messages)}`).toBe(n);
            for (let limit = 0; limit <= n + 1; limit += limit < 8 ? 1 : 1 + (limit >> 1)) {
              expect(tok.isChatWithinTokenLimit(messages, limit, opts), `seed ${seed} limit ${limit}`).toBe(n <= limit ? n : false);
            }
            expect(tok.isChatWithinTokenLimit(messages, n, opts)).toBe(n);
            const text = tok.applyChatTemplate(messages, { ...opts, tokenize: false });
            if (tok.countTokens(text) !== n) addsSpecial++;
          }
        }
        // The plain count of the rendered text differs exactly when the post-processor adds tokens.
        if (json === withTemplateProcessing) expect(addsSpecial).toBe(chats.length * 2);
        else expect(addsSpecial).toBe(0);
      });
    }
  }

  it('takes applyChatTemplate options (a named or given template, template variables) and refuses tokenize', () => {
    const tok = buildPretrained(jsonText, config(template('chatml-tools')), null);
    const messages = [{ role: 'user', content: '안녕하세요' }];
    const own = '{% if shout %}!!!{% endif %}{{ messages[0].content }}';
    expect(tok.countChatTokens(messages, { chatTemplate: own, shout: true })).toBe(tok.applyChatTemplate(messages, { chatTemplate: own, shout: true }).length);
    expect(tok.countChatTokens(messages, { chatTemplate: own, shout: true })).toBeGreaterThan(tok.countChatTokens(messages, { chatTemplate: own }));
    expect(() => tok.countChatTokens(messages, { tokenize: false } as never)).toThrow(InvalidOptionError);
    expect(() => tok.isChatWithinTokenLimit(messages, 10, { tokenize: true } as never)).toThrow(InvalidOptionError);
    expect(() => tok.isChatWithinTokenLimit(messages, -1)).toThrow(InvalidOptionError);
    expect(() => tok.countChatTokens('hi' as never)).toThrow(InvalidOptionError);
    expect(() => tok.countChatTokens(messages, { chatTemplate: '{% for m in messages %}' })).toThrow(ChatTemplateError);
    expect(() => buildPretrained(jsonText, null, null).countChatTokens(messages)).toThrow(/no chat template/);
  });
});
