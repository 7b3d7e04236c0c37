// Chat templates: renders a conversation with a model's Jinja `chat_template` the way transformers
// does — the `@huggingface/jinja` engine (the one transformers.js uses, with trim_blocks and
// lstrip_blocks), the same variables (`messages`, `tools`, `documents`, `add_generation_prompt`, the
// special tokens) and globals (`raise_exception`, `strftime_now`). Synchronous. Not handled: Python
// objects a template may call methods on beyond what the engine implements (its error is reported).

import { Environment, Interpreter, Template } from '@huggingface/jinja';
import { MbbpeError } from '../errors.js';

/** One message of a conversation. Extra keys (tool_calls, name, …) are passed to the template. */
export interface ChatMessage {
  role: string;
  content?: unknown;
  [key: string]: unknown;
}

/** A template could not be compiled or rendered; `templateMessage` is the engine's or the template's own message. */
export class ChatTemplateError extends MbbpeError {
  readonly templateMessage: string;
  /** True when the template itself called raise_exception (a conversation it refuses). */
  readonly raised: boolean;
  constructor(message: string, templateMessage: string, raised: boolean, hint: string) {
    super(message, hint);
    this.templateMessage = templateMessage;
    this.raised = raised;
  }
}

export interface RenderChatOptions {
  /** End with the header of an assistant turn (transformers' add_generation_prompt). Default false. */
  addGenerationPrompt?: boolean;
  /** Tool (function) schemas, passed as `tools`. Default: none (the variable is undefined). */
  tools?: unknown[];
  /** Retrieval documents, passed as `documents`. Default: none. */
  documents?: unknown[];
  /** The clock behind `strftime_now` (default: the current time). */
  now?: () => Date;
  /** Any other variables the template reads (e.g. `enable_thinking`). */
  extra?: Record<string, unknown>;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Python's `datetime.strftime` for the directives chat templates use (local time, C locale). */
export function strftime(d: Date, format: string): string {
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const dayOfYear = Math.floor((Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) - Date.UTC(d.getFullYear(), 0, 1)) / 864e5) + 1;
  return format.replace(/%([%aAbBdHIjmMpSyYe])/g, (_m, c: string) => {
    switch (c) {
      case '%': return '%';
      case 'a': return DAYS[d.getDay()]!.slice(0, 3);
      case 'A': return DAYS[d.getDay()]!;
      case 'b': return MONTHS[d.getMonth()]!.slice(0, 3);
      case 'B': return MONTHS[d.getMonth()]!;
      case 'd': return p2(d.getDate());
      case 'e': return String(d.getDate()).padStart(2, ' ');
      case 'H': return p2(d.getHours());
      case 'I': return p2(((d.getHours() + 11) % 12) + 1);
      case 'j': return String(dayOfYear).padStart(3, '0');
      case 'm': return p2(d.getMonth() + 1);
      case 'M': return p2(d.getMinutes());
      case 'p': return d.getHours() < 12 ? 'AM' : 'PM';
      case 'S': return p2(d.getSeconds());
      case 'y': return p2(d.getFullYear() % 100);
      default: return String(d.getFullYear());
    }
  });
}

/** Python's range(), as the engine's own globals have it. */
function range(start: number, stop?: number, step = 1): number[] {
  if (stop === undefined) [start, stop] = [0, start];
  if (step === 0) throw new Error('range() step must not be zero');
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
  return out;
}

const GLOBALS: Record<string, unknown> = { false: false, true: true, none: null, False: false, True: true, None: null, range };

// Compiled templates by source: a tokenizer renders the same one for every call.
const compiled = new Map<string, Template>();
const RAISED = Symbol('raised');

function compile(source: string): Template {
  let t = compiled.get(source);
  if (!t) {
    try {
      t = new Template(source);
    } catch (e) {
      const msg = (e as Error).message;
      throw new ChatTemplateError(`the chat template does not compile: ${msg}`, msg, false, 'fix the template (Jinja syntax as transformers accepts it)');
    }
    if (compiled.size >= 64) compiled.clear();
    compiled.set(source, t);
  }
  return t;
}

/**
 * Renders `messages` with the Jinja template `source`. `specialTokens` are the tokenizer's named
 * tokens (`bos_token`, `eos_token`, …) as transformers passes them. Throws ChatTemplateError.
 */
export function renderChat(source: string, messages: readonly ChatMessage[], specialTokens: Record<string, string | null>, o: RenderChatOptions = {}): string {
  const t = compile(source);
  const now = o.now ?? (() => new Date());
  const vars: Record<string, unknown> = {
    ...Object.fromEntries(Object.entries(specialTokens).filter(([, v]) => v !== null)),
    ...(o.extra ?? {}),
    messages,
    add_generation_prompt: o.addGenerationPrompt ?? false,
    raise_exception: (msg: unknown) => {
      throw Object.assign(new Error(String(msg)), { [RAISED]: true });
    },
    strftime_now: (fmt: unknown) => strftime(now(), String(fmt)),
  };
  if (o.tools !== undefined) vars.tools = o.tools;
  if (o.documents !== undefined) vars.documents = o.documents;
  try {
    // Template.render would declare its own raise_exception and strftime_now (and refuse ours): the
    // same environment is built here with our globals, so refusals are told apart and the clock injected.
    const env = new Environment();
    for (const [k, v] of Object.entries(GLOBALS)) env.set(k, v);
    for (const [k, v] of Object.entries(vars)) env.set(k, v);
    return new Interpreter(env).run(t.parsed).value as string;
  } catch (e) {
    const msg = (e as Error).message;
    const raised = Boolean((e as Record<symbol, unknown>)[RAISED]);
    throw new ChatTemplateError(
      raised ? `the chat template refused the conversation: ${msg}` : `the chat template failed: ${msg}`,
      msg,
      raised,
      raised ? 'change the messages as the template asks' : 'check the messages and options the template expects',
    );
  }
}

/** The template a tokenizer_config.json's `chat_template` names: a string, or the `[{name, template}]` list form. */
export function pickChatTemplate(config: unknown, name?: string): string | null {
  if (typeof config === 'string') return name === undefined || name === 'default' ? config : null;
  if (!Array.isArray(config)) return null;
  const entries = config.filter((x): x is { name: string; template: string } => !!x && typeof x === 'object' && typeof (x as { name?: unknown }).name === 'string' && typeof (x as { template?: unknown }).template === 'string');
  const hit = entries.find((e) => e.name === (name ?? 'default'));
  return hit ? hit.template : null;
}

/** Names available in the list form (for error messages). */
export function chatTemplateNames(config: unknown): string[] {
  if (typeof config === 'string') return ['default'];
  if (!Array.isArray(config)) return [];
  return config.flatMap((x) => (x && typeof x === 'object' && typeof (x as { name?: unknown }).name === 'string' ? [(x as { name: string }).name] : []));
}
