// Reading a tokenizer.json (text, UTF-8 bytes or a parsed object) or a snapshot into the parts of
// a Tokenizer, and writing a snapshot of those parts. Text and bytes of the usual byte-level BPE
// shape take the fast loader (config/scan-bpe.ts); every error comes from the ordinary path
// (JSON.parse and the component readers in config/ and each stage's from-config.ts).

import type { AddedToken } from '../added-tokens/added-vocabulary.js';
import { readAddedTokens } from '../config/added-tokens.js';
import { SnapshotError, TokenizerConfigError } from '../config/errors.js';
import { buildModel, buildModelFromTables } from '../config/model.js';
import { asObject } from '../config/read.js';
import { scanBpeJson } from '../config/scan-bpe.js';
import { isSnapshot, readSnapshot, verifySnapshot, writeSnapshot, type SnapshotContents } from '../config/snapshot.js';
import { buildDecoder } from '../decoders/from-config.js';
import type { Decoder } from '../decoders/types.js';
import type { BpeModel } from '../models/bpe/model.js';
import { buildNormalizer } from '../normalizers/from-config.js';
import type { Normalizer } from '../normalizers/types.js';
import { buildPreTokenizer } from '../pre-tokenizers/from-config.js';
import type { PreTokenizer } from '../pre-tokenizers/types.js';
import { buildProcessor } from '../processors/from-config.js';
import type { PostProcessor } from '../processors/types.js';
import { isWellFormed } from './offsets.js';
import { checkTruncation, readPadding, readTruncation, type PaddingOptions, type TruncationOptions } from './options.js';

const LOSSY_UTF8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const UTF8 = new TextEncoder();

/** Everything a Tokenizer is built from; subclasses receive the same parts. */
export interface TokenizerParts {
  /** The parsed tokenizer.json object (the fast loader parses it on first read). */
  readonly config: Record<string, unknown>;
  /** The tokenizer.json text or bytes it was loaded from, when it was loaded from those. */
  source?: string | Uint8Array;
  model: BpeModel;
  normalizer: Normalizer | null;
  preTokenizer: PreTokenizer | null;
  postProcessor: PostProcessor | null;
  decoder: Decoder | null;
  addedTokens: AddedToken[];
  truncation: TruncationOptions | null;
  padding: PaddingOptions | null;
}

/** A tokenizer.json as text, as UTF-8 bytes (a file's or a response's contents), or parsed. */
export type TokenizerJsonSource = string | Uint8Array | ArrayBuffer | object;

/**
 * Parses and validates a tokenizer.json into the parts of a Tokenizer. Text and bytes of the usual
 * byte-level BPE shape take the fast loader (config/scan-bpe.ts: vocab and merges read straight into
 * tables, `config` parsed only when asked for); everything else, and every error, goes through
 * JSON.parse and the component readers.
 */
export function parseTokenizerJson(json: TokenizerJsonSource): TokenizerParts {
  let text: string | null = typeof json === 'string' ? json : null;
  let bytes: Uint8Array | null = null;
  if (json instanceof ArrayBuffer) bytes = new Uint8Array(json);
  else if (ArrayBuffer.isView(json)) bytes = new Uint8Array(json.buffer, json.byteOffset, json.byteLength);
  if (bytes !== null && isSnapshot(bytes)) return parseSnapshot(bytes);
  if (text !== null || bytes !== null) {
    // A string with lone surrogates would not survive UTF-8: JSON.parse keeps them, so it goes that way.
    const b = bytes ?? (isWellFormed(text!) ? UTF8.encode(text!) : null);
    const fast = b && parseScanned(b, text);
    if (fast) return fast;
    text ??= LOSSY_UTF8.decode(bytes!);
  }
  // A caller's object is copied: the model keeps using the parsed vocab object itself (no Map is
  // built at load), so later changes to the caller's object must not reach the tokenizer. A JSON
  // round trip (not structuredClone, which is not ECMAScript) also keeps only what a file could hold.
  let obj: unknown;
  if (text === null) {
    try {
      obj = JSON.parse(JSON.stringify(json));
    } catch (e) {
      throw new TokenizerConfigError('$', `not a plain JSON object (${(e as Error).message})`, 'pass the parsed contents of a tokenizer.json file');
    }
  } else {
    try {
      obj = JSON.parse(text);
    } catch (e) {
      throw new TokenizerConfigError('$', `not valid JSON (${(e as Error).message})`, 'pass the contents of a tokenizer.json file');
    }
  }
  const o = asObject(obj, '$');
  if (o.model === undefined) throw new TokenizerConfigError('$.model', 'missing', 'a tokenizer.json needs a "model" object');
  return assembleParts(o, buildModel(o.model), () => o);
}

/** The fast loader's parts, or null to parse the ordinary way. `text` is the caller's string, if any. */
function parseScanned(bytes: Uint8Array, text: string | null): TokenizerParts | null {
  const scanned = scanBpeJson(bytes);
  if (scanned === null) return null;
  let rest: unknown;
  try {
    rest = JSON.parse(scanned.rest);
  } catch {
    return null;
  }
  if (rest === null || typeof rest !== 'object' || Array.isArray(rest)) return null;
  const o = rest as Record<string, unknown>;
  const model = buildModelFromTables(o.model, scanned, true);
  if (model === null) return null;
  // The whole document is parsed only if someone reads `config` (export, inspect); a copy of the
  // bytes, since the caller may reuse its buffer.
  const source = text ?? bytes.slice();
  let full: Record<string, unknown> | null = null;
  return assembleParts(o, model, () => (full ??= JSON.parse(typeof source === 'string' ? source : LOSSY_UTF8.decode(source)) as Record<string, unknown>), source);
}

/** The parts of a snapshot (config/snapshot.ts); its bytes stay the source, so worker pools load it too. */
function parseSnapshot(bytes: Uint8Array): TokenizerParts {
  const snap = readSnapshot(bytes);
  try {
    return snapshotParts(snap);
  } catch (e) {
    // A damaged pipeline JSON can still parse and then fail validation as a TokenizerConfigError
    // naming a path of a file the user never wrote: the checksum, when it fails, names the damage.
    if (!(e instanceof SnapshotError)) verifySnapshot(snap);
    throw e;
  }
}

function snapshotParts(snap: SnapshotContents): TokenizerParts {
  let rest: unknown;
  try {
    rest = JSON.parse(snap.rest);
  } catch {
    throw new SnapshotError('unreadable pipeline JSON');
  }
  const o = asObject(rest, '$');
  const model = buildModelFromTables(o.model, snap, false);
  if (model === null) throw new SnapshotError('the pipeline JSON does not hold the vocab and merges placeholders');
  let full: Record<string, unknown> | null = null;
  // The stored tokenizer.json is parsed only when `config` is read; damage there shows then.
  const config = (): Record<string, unknown> => {
    if (full === null) {
      try {
        full = JSON.parse(LOSSY_UTF8.decode(snap.json)) as Record<string, unknown>;
      } catch (e) {
        throw new SnapshotError(`the stored tokenizer.json is damaged (${(e as Error).message})`);
      }
    }
    return full;
  };
  const parts = assembleParts(o, model, config, snap.bytes);
  verifySnapshot(snap);
  return parts;
}

function assembleParts(o: Record<string, unknown>, model: BpeModel, config: () => Record<string, unknown>, source?: string | Uint8Array): TokenizerParts {
  const normalizer = o.normalizer == null ? null : buildNormalizer(o.normalizer);
  const truncation = readTruncation(o.truncation);
  const postProcessor = o.post_processor == null ? null : buildProcessor(o.post_processor);
  if (truncation) checkTruncation(truncation, postProcessor?.addedTokens(false) ?? 0);
  const parts: TokenizerParts = {
    get config() {
      return config();
    },
    model,
    normalizer,
    preTokenizer: o.pre_tokenizer == null ? null : buildPreTokenizer(o.pre_tokenizer),
    postProcessor,
    decoder: o.decoder == null ? null : buildDecoder(o.decoder),
    addedTokens: readAddedTokens(o.added_tokens, model),
    truncation,
    padding: readPadding(o.padding),
  };
  if (source !== undefined) parts.source = source;
  return parts;
}

/** A snapshot of parts loaded from a tokenizer.json (the JSON it was given rides along for `config`). */
export function snapshotOf(parts: TokenizerParts): Uint8Array {
  const src = parts.source;
  // The tokenizer.json as it was given: a snapshot's own copy, the text or bytes, else the object.
  const json = typeof src === 'string' ? UTF8.encode(src) : src === undefined ? UTF8.encode(JSON.stringify(parts.config)) : isSnapshot(src) ? readSnapshot(src).json : src;
  const cfg = parts.config;
  const model = cfg.model as Record<string, unknown>;
  const rest = JSON.stringify({ ...cfg, model: { ...model, vocab: {}, merges: [] } });
  return writeSnapshot({ rest, ...parts.model.tables(), json });
}
