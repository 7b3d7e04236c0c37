// applyChatTemplate: transformers' `tokenizer.apply_chat_template` over our tokenizers — picks the
// template (an explicit one, a named one of the config's list, `tool_use` when tools are given,
// else `default`), renders it (template.ts) and, unless `tokenize: false`, encodes the text without
// adding special tokens (transformers' rule: the template already wrote them).

import { InvalidOptionError } from '../config/errors.js';
import { chatTemplateNames, ChatTemplateError, pickChatTemplate, renderChat, type ChatMessage, type RenderChatOptions } from './template.js';

/** What applyChatTemplate needs of a tokenizer. */
export interface ChatTokenizer {
  encode(text: string, opts: { addSpecialTokens: false; truncation: null; padding: null }): { ids: number[] };
}

export interface ApplyChatTemplateOptions extends Omit<RenderChatOptions, 'extra'> {
  /** A template string, or the name of one of the config's named templates. Default: the config's. */
  chatTemplate?: string;
  /** Return the ids of the rendered text (default true) or the text itself (false). */
  tokenize?: boolean;
  /** Any other variable the template reads (e.g. `enable_thinking: true`). */
  [variable: string]: unknown;
}

const OWN_KEYS = new Set(['chatTemplate', 'tokenize', 'addGenerationPrompt', 'tools', 'documents', 'now']);

function checkMessages(messages: unknown): asserts messages is ChatMessage[] {
  if (!Array.isArray(messages)) throw new InvalidOptionError('messages', `must be an array of { role, content } objects, got ${messages === null ? 'null' : typeof messages}`);
  messages.forEach((m, i) => {
    if (!m || typeof m !== 'object' || Array.isArray(m)) throw new InvalidOptionError(`messages[${i}]`, 'must be an object { role, content }');
    if (typeof (m as { role?: unknown }).role !== 'string') throw new InvalidOptionError(`messages[${i}].role`, 'must be a string (system, user, assistant, tool, …)');
  });
}

/** The template to render: transformers' get_chat_template rules. */
export function resolveChatTemplate(config: unknown, chatTemplate: string | undefined, hasTools: boolean): string {
  const named = Array.isArray(config);
  if (named) {
    const names = chatTemplateNames(config);
    if (chatTemplate !== undefined) return pickChatTemplate(config, chatTemplate) ?? chatTemplate; // a name, else the template itself
    if (hasTools && names.includes('tool_use')) return pickChatTemplate(config, 'tool_use')!;
    const d = pickChatTemplate(config, 'default');
    if (d !== null) return d;
    throw new ChatTemplateError(`this tokenizer has several chat templates (${names.join(', ')}) and none is named "default"`, '', false, `pass chatTemplate: one of ${names.join(', ')}`);
  }
  if (chatTemplate !== undefined) return chatTemplate;
  if (typeof config === 'string') return config;
  throw new ChatTemplateError('this tokenizer has no chat template (tokenizer_config.json has no chat_template)', '', false, 'pass chatTemplate: a Jinja template string');
}

export function applyChatTemplate(
  tok: ChatTokenizer,
  config: unknown,
  specialTokens: Record<string, string | null>,
  messages: readonly ChatMessage[],
  o: ApplyChatTemplateOptions & { tokenize: false },
): string;
export function applyChatTemplate(tok: ChatTokenizer, config: unknown, specialTokens: Record<string, string | null>, messages: readonly ChatMessage[], o?: ApplyChatTemplateOptions): number[] | string;
export function applyChatTemplate(
  tok: ChatTokenizer,
  config: unknown,
  specialTokens: Record<string, string | null>,
  messages: readonly ChatMessage[],
  o: ApplyChatTemplateOptions = {},
): number[] | string {
  checkMessages(messages);
  if (o.tokenize !== undefined && typeof o.tokenize !== 'boolean') throw new InvalidOptionError('tokenize', 'must be true or false');
  if (o.chatTemplate !== undefined && typeof o.chatTemplate !== 'string') throw new InvalidOptionError('chatTemplate', 'must be a template string or a template name');
  for (const k of ['tools', 'documents'] as const) if (o[k] !== undefined && !Array.isArray(o[k])) throw new InvalidOptionError(k, 'must be an array');
  const extra = Object.fromEntries(Object.entries(o).filter(([k]) => !OWN_KEYS.has(k)));
  const source = resolveChatTemplate(config, o.chatTemplate, o.tools !== undefined && o.tools !== null);
  const render: RenderChatOptions = { extra };
  if (o.addGenerationPrompt !== undefined) render.addGenerationPrompt = o.addGenerationPrompt;
  if (o.tools !== undefined) render.tools = o.tools;
  if (o.documents !== undefined) render.documents = o.documents;
  if (o.now !== undefined) render.now = o.now;
  const text = renderChat(source, messages, specialTokens, render);
  return o.tokenize === false ? text : tok.encode(text, { addSpecialTokens: false, truncation: null, padding: null }).ids;
}
