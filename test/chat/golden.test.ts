// Chat templates against transformers' renderer: goldens made by scripts/golden/chat-templates.py
// with Python jinja2 in transformers' environment (trim_blocks, lstrip_blocks, loopcontrols, tojson as
// json.dumps(ensure_ascii=False), raise_exception, strftime_now) over five templates × 44
// conversations × options. Refusals (raise_exception) must come back as ChatTemplateError.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChatTemplateError, renderChat, type ChatMessage } from '../../src/chat/template.js';
import { repoRoot } from '../support/shared.js';

interface Case {
  template: string;
  messages: ChatMessage[];
  options: { add_generation_prompt: boolean; tools?: unknown[]; documents?: unknown[]; enable_thinking?: boolean };
  output?: string;
  error?: string;
}
const golden = JSON.parse(readFileSync(join(repoRoot, 'test/chat/golden/chat-templates.json'), 'utf8')) as {
  python: string;
  jinja2: string;
  now: string;
  special_tokens: Record<string, string>;
  cases: Case[];
};
const sources = new Map<string, string>();
const source = (name: string): string => {
  let s = sources.get(name);
  if (s === undefined) sources.set(name, (s = readFileSync(join(repoRoot, 'test/chat/templates', name), 'utf8')));
  return s;
};
const now = (): Date => new Date(golden.now); // naive ISO = local time, as Python's naive datetime

describe(`chat templates = Python jinja2 ${golden.jinja2} in transformers' environment`, () => {
  const byTemplate = new Map<string, Case[]>();
  for (const c of golden.cases) byTemplate.set(c.template, [...(byTemplate.get(c.template) ?? []), c]);
  it('the goldens cover every template, with refusals', () => {
    expect(byTemplate.size).toBe(5);
    expect(golden.cases.some((c) => c.error)).toBe(true);
  });
  for (const [name, cases] of byTemplate) {
    it(`${name}: ${cases.length} renderings`, () => {
      for (const c of cases) {
        const { add_generation_prompt, tools, documents, ...extra } = c.options;
        const run = (): string =>
          renderChat(source(name), c.messages, golden.special_tokens, {
            addGenerationPrompt: add_generation_prompt,
            ...(tools ? { tools } : {}),
            ...(documents ? { documents } : {}),
            extra,
            now,
          });
        if (c.error !== undefined) {
          let err: unknown;
          try {
            run();
          } catch (e) {
            err = e;
          }
          expect(err, JSON.stringify(c.messages)).toBeInstanceOf(ChatTemplateError);
          expect((err as ChatTemplateError).raised).toBe(true);
          expect((err as ChatTemplateError).templateMessage).toBe(c.error);
        } else {
          expect(run(), `${name} ${JSON.stringify(c.messages)} ${JSON.stringify(c.options)}`).toBe(c.output);
        }
      }
    });
  }
});
