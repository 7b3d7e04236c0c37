// fromPretrained(folder) reads chat_template.jinja, the file newer Hugging Face repos ship the chat
// template in: transformers' from_pretrained takes it as the default template, over tokenizer_config.json's
// chat_template (read in transformers' tokenization_utils_base._from_pretrained; Python transformers is
// not installable offline here, so this checks that rule, not a golden).

import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromPretrained } from '../../src/hub/node.js';
import { repoRoot } from '../support/shared.js';

const FROM_CONFIG = '{{ "config:" + messages[0].content }}';
const FROM_FILE = '{% for m in messages %}{{ "file:" + m.role + ":" + m.content }}\n{% endfor %}';
const messages = [{ role: 'user', content: '안녕하세요' }];

describe('fromPretrained(folder) and chat_template.jinja', () => {
  const root = mkdtempSync(join(tmpdir(), 'mbbpe-chat-file-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const make = (name: string, config: object | null, jinja: string | null): string => {
    const dir = mkdtempSync(join(root, `${name}-`));
    copyFileSync(join(repoRoot, 'vocab/mbbpe-ko-30k/tokenizer.json'), join(dir, 'tokenizer.json'));
    if (config) writeFileSync(join(dir, 'tokenizer_config.json'), JSON.stringify(config));
    if (jinja !== null) writeFileSync(join(dir, 'chat_template.jinja'), jinja);
    return dir;
  };

  it('the file wins over tokenizer_config.json; the config still applies without it; the file alone suffices', async () => {
    const both = await fromPretrained(make('both', { eos_token: '<|endoftext|>', chat_template: FROM_CONFIG }, FROM_FILE));
    expect(both.chatTemplate).toBe(FROM_FILE);
    expect(both.applyChatTemplate(messages, { tokenize: false })).toBe('file:user:안녕하세요\n');
    expect(both.eosToken).toBe('<|endoftext|>'); // the rest of the config is still read
    const configOnly = await fromPretrained(make('config', { chat_template: FROM_CONFIG }, null));
    expect(configOnly.applyChatTemplate(messages, { tokenize: false })).toBe('config:안녕하세요');
    const fileOnly = await fromPretrained(make('file', null, FROM_FILE));
    expect(fileOnly.applyChatTemplate(messages, { tokenize: false })).toBe('file:user:안녕하세요\n');
    expect(fileOnly.countChatTokens(messages)).toBe(fileOnly.applyChatTemplate(messages).length);
    const none = await fromPretrained(make('none', null, null));
    expect(none.chatTemplate).toBe(null);
  });
});
