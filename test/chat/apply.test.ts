// applyChatTemplate on a PretrainedTokenizer: the config's template (string and named-list forms,
// transformers' choice of `tool_use` / `default`), tokenize true = the rendered text's ids without
// added special tokens, typed synchronous errors, and `mbbpe chat`.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChatTemplateError, renderChat } from '../../src/chat/template.js';
import { InvalidOptionError } from '../../src/config/errors.js';
import { PretrainedConfigError } from '../../src/hub/errors.js';
import { buildPretrained } from '../../src/hub/pretrained.js';
import { runCli } from '../cli/runtime-cli-support.js';
import { repoRoot } from '../support/shared.js';

const json = readFileSync(join(repoRoot, 'vocab/mbbpe-ko-30k/tokenizer.json'));
const chatml = readFileSync(join(repoRoot, 'test/chat/templates/chatml-tools.jinja'), 'utf8');
const gemma = readFileSync(join(repoRoot, 'test/chat/templates/gemma.jinja'), 'utf8');
const config = (chatTemplate: unknown): string => JSON.stringify({ bos_token: '<|endoftext|>', eos_token: '<|endoftext|>', chat_template: chatTemplate });
const messages = [
  { role: 'system', content: '너는 친절한 비서야.' },
  { role: 'user', content: '안녕하세요 <|endoftext|>' },
];

describe('applyChatTemplate', () => {
  it('tokenize: false renders the config template; tokenize (default) = encode(text) without added special tokens', () => {
    const tok = buildPretrained(json, config(chatml), null);
    const text = tok.applyChatTemplate(messages, { tokenize: false, addGenerationPrompt: true });
    expect(text).toBe(renderChat(chatml, messages, { bos_token: '<|endoftext|>', eos_token: '<|endoftext|>' }, { addGenerationPrompt: true }));
    expect(text.endsWith('<|im_start|>assistant\n')).toBe(true);
    const ids = tok.applyChatTemplate(messages, { addGenerationPrompt: true });
    expect(ids).toEqual(tok.tokenizer.encode(text, { addSpecialTokens: false }).ids);
    // The typed special token stays one id (special-token matching is the tokenizer's default).
    expect(ids.filter((x) => x === tok.tokenizer.tokenToId('<|endoftext|>')).length).toBe(1);
  });

  it('named templates: an explicit name, tool_use when tools are given, else default; a template string passes through', () => {
    const tok = buildPretrained(json, config([{ name: 'default', template: gemma }, { name: 'tool_use', template: chatml }]), null);
    const conv = [{ role: 'user', content: '날씨' }];
    const special = { bos_token: '<|endoftext|>', eos_token: '<|endoftext|>' };
    expect(tok.applyChatTemplate(conv, { tokenize: false })).toBe(renderChat(gemma, conv, special));
    const tools = [{ type: 'function', function: { name: 'get_weather', parameters: {} } }];
    expect(tok.applyChatTemplate(conv, { tokenize: false, tools })).toBe(renderChat(chatml, conv, special, { tools }));
    expect(tok.applyChatTemplate(conv, { tokenize: false, chatTemplate: 'tool_use' })).toBe(renderChat(chatml, conv, special));
    expect(tok.applyChatTemplate(conv, { tokenize: false, chatTemplate: '{{ messages[0].content }}!' })).toBe('날씨!');
    const noDefault = buildPretrained(json, config([{ name: 'rag', template: gemma }]), null);
    expect(() => noDefault.applyChatTemplate(conv)).toThrow(ChatTemplateError);
  });

  it('extra options are template variables', () => {
    const tok = buildPretrained(json, config('{% if enable_thinking %}<think>{% endif %}{{ messages | length }}'), null);
    expect(tok.applyChatTemplate([{ role: 'user', content: 'x' }], { tokenize: false, enable_thinking: true })).toBe('<think>1');
    expect(tok.applyChatTemplate([{ role: 'user', content: 'x' }], { tokenize: false })).toBe('1');
  });

  it('errors are typed and synchronous: no template, refusal, syntax, runtime, bad messages, bad config', () => {
    const none = buildPretrained(json, null, null);
    expect(() => none.applyChatTemplate(messages)).toThrow(/no chat template/);
    const tok = buildPretrained(json, config(gemma), null);
    let err: unknown;
    try {
      tok.applyChatTemplate([{ role: 'user', content: 'a' }, { role: 'user', content: 'b' }]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ChatTemplateError);
    expect((err as ChatTemplateError).raised).toBe(true);
    expect((err as ChatTemplateError).templateMessage).toContain('alternate');
    expect(() => tok.applyChatTemplate(messages, { chatTemplate: '{% for m in messages %}' })).toThrow(ChatTemplateError);
    expect(() => tok.applyChatTemplate(messages, { chatTemplate: '{{ messages[0].content.nope() }}' })).toThrow(ChatTemplateError);
    expect(() => tok.applyChatTemplate('hi' as never)).toThrow(InvalidOptionError);
    expect(() => tok.applyChatTemplate([{ content: 'x' }] as never)).toThrow(InvalidOptionError);
    expect(() => tok.applyChatTemplate(messages, { tokenize: 'yes' as never })).toThrow(InvalidOptionError);
    expect(() => buildPretrained(json, config(42), null)).toThrow(PretrainedConfigError);
  });
});

describe('mbbpe chat', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mbbpe-chat-'));
  writeFileSync(join(dir, 'tokenizer.json'), json);
  writeFileSync(join(dir, 'tokenizer_config.json'), config(chatml));
  const tpl = join(dir, 't.jinja');
  writeFileSync(tpl, gemma);

  it('renders stdin messages with the folder config or --template; --format ids; --add-generation-prompt', async () => {
    const tok = buildPretrained(json, config(chatml), null);
    const r = await runCli(['chat', '-t', dir, '--add-generation-prompt'], JSON.stringify(messages));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(tok.applyChatTemplate(messages, { tokenize: false, addGenerationPrompt: true }));
    const ids = await runCli(['chat', '-t', dir, '--format', 'ids'], JSON.stringify(messages));
    expect(ids.out).toBe(tok.applyChatTemplate(messages).join(' ') + '\n');
    const conv = [{ role: 'user', content: '안녕' }];
    const g = await runCli(['chat', '-t', dir, '--template', tpl], JSON.stringify(conv));
    expect(g.out).toBe(tok.applyChatTemplate(conv, { tokenize: false, chatTemplate: gemma }));
  });

  it('bad input is exit 1 with one line; bad arguments exit 2', async () => {
    for (const stdin of ['', 'not json', '{"role":"user"}', '[{"content":"x"}]']) {
      const r = await runCli(['chat', '-t', dir], stdin);
      expect(r.code, stdin).toBe(1);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
    const refused = await runCli(['chat', '-t', dir, '--template', tpl], JSON.stringify([{ role: 'user', content: 'a' }, { role: 'user', content: 'b' }]));
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('alternate');
    expect((await runCli(['chat', '--format', 'pdf'])).code).toBe(2);
    expect((await runCli(['chat', '--template', join(dir, 'missing.jinja')], '[]')).code).toBe(1);
  });
});
