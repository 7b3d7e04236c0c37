// `mbbpe inspect` of a folder reads its tokenizer_config.json (issue 14, bug 8): eos/bos/pad/unk with
// their ids, model max length, and whether a chat template is there (in the config or as
// chat_template.jinja). A tokenizer.json alone says it has no config.

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TOKENIZER, packageRoot } from '../../src/cli/tokenizer-arg.js';
import { sharedFile } from '../support/shared.js';
import { runCli } from './runtime-cli-support.js';

const dir = mkdtempSync(join(tmpdir(), 'mbbpe-inspect-'));
const tokJson = join(packageRoot(), DEFAULT_TOKENIZER);
const vocab = JSON.parse(readFileSync(tokJson, 'utf8')) as { added_tokens: { id: number; content: string }[] };
const eos = vocab.added_tokens[0]!;

function folder(name: string, config: Record<string, unknown> | null, jinja?: string): string {
  const d = join(dir, name);
  mkdirSync(d);
  copyFileSync(tokJson, join(d, 'tokenizer.json'));
  if (config) writeFileSync(join(d, 'tokenizer_config.json'), JSON.stringify(config));
  if (jinja !== undefined) writeFileSync(join(d, 'chat_template.jinja'), jinja);
  return d;
}

describe('mbbpe inspect: tokenizer_config.json of a folder', () => {
  it('shows eos/bos/pad with ids, model max length and an inline chat template', async () => {
    const d = folder('inline', { eos_token: eos.content, bos_token: eos.content, pad_token: eos.content, model_max_length: 2048, chat_template: '{{ messages }}' });
    const r = await runCli(['inspect', '-t', d]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`config          ${join(d, 'tokenizer_config.json')}`);
    expect(r.out).toContain(`bos ${eos.content} (${eos.id}), eos ${eos.content} (${eos.id}), pad ${eos.content} (${eos.id}), unk none`);
    expect(r.out).toMatch(/model max length 2048, chat template yes \(default; tokenizer_config\.json\)/);
    const j = JSON.parse((await runCli(['inspect', '-t', d, '--json'])).out) as { config: { eosToken: { id: number }; modelMaxLength: number; chatTemplate: { present: boolean } } };
    expect(j.config.eosToken.id).toBe(eos.id);
    expect(j.config.modelMaxLength).toBe(2048);
    expect(j.config.chatTemplate.present).toBe(true);
  });
  it('named templates, chat_template.jinja, no template, no limit', async () => {
    const named = await runCli(['inspect', '-t', folder('named', { chat_template: [{ name: 'default', template: 'a' }, { name: 'tool_use', template: 'b' }] })]);
    expect(named.out).toMatch(/chat template yes \(default, tool_use; tokenizer_config\.json\)/);
    const jinja = await runCli(['inspect', '-t', folder('jinja', { eos_token: eos.content }, '{{ messages }}')]);
    expect(jinja.out).toMatch(/chat template yes \(default; chat_template\.jinja\)/);
    const none = await runCli(['inspect', '-t', folder('none', { model_max_length: 1e30 })]);
    expect(none.out).toMatch(/model max length none \(no limit\), chat template no/);
  });
  it('a tokenizer.json alone: no config, and says how to get it', async () => {
    const r = await runCli(['inspect', '-t', join(folder('file', { eos_token: eos.content }), 'tokenizer.json')]);
    expect(r.out).toMatch(/config\s+none \(a tokenizer\.json alone; pass its folder/);
  });
  const pk = sharedFile('vocab/polyglot-ko/tokenizer_config.json', 'cli inspect config');
  it.runIf(pk)('the published polyglot-ko folder: eos and pad <|endoftext|> (id 2)', async () => {
    const r = await runCli(['inspect', '-t', pk!.replace(/tokenizer_config\.json$/, '')]);
    expect(r.out).toContain('eos <|endoftext|> (2), pad <|endoftext|> (2)');
    expect(r.out).toMatch(/chat template no/);
  });
});
