// The Node hub entry: `fromPretrained` reading and writing the Hugging Face cache on disk (the same
// files Python's huggingface_hub uses), and `resolveTokenizerArg` for the CLI's `--tokenizer` that
// takes either a tokenizer.json path or a repo id.

import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { TokenizerFileError } from '../config/errors.js';
import { FsStore, defaultHubCacheDir } from './fs-store.js';
import { processEnv } from './layout.js';
import { buildPretrained, loadPretrained, type PretrainedOptions, type PretrainedTokenizer } from './pretrained.js';
import type { HubStore } from './store.js';

export interface NodePretrainedOptions extends PretrainedOptions {
  /** Cache folder. Default: HF_HUB_CACHE, else HF_HOME/hub, else ~/.cache/huggingface/hub. */
  cacheDir?: string;
  /** A custom store instead of the file cache (cacheDir is then ignored). */
  store?: HubStore;
}

/**
 * Loads the tokenizer of a local folder (tokenizer.json, optionally tokenizer_config.json and
 * special_tokens_map.json: a `save_pretrained` folder), or of a hub repo through the Hugging Face
 * cache: the cache first (no request when it has the files), then
 * `${endpoint}/${repoId}/resolve/${revision}/${file}` for what is missing, written back atomically
 * in the layout Python reads. An existing folder wins over a repo id of the same name, as in transformers.
 */
export async function fromPretrained(repoIdOrFolder: string, opts: NodePretrainedOptions = {}): Promise<PretrainedTokenizer> {
  const stat = await fs.stat(repoIdOrFolder).catch(() => null);
  if (stat?.isDirectory()) return loadFolder(repoIdOrFolder, opts);
  const store = opts.store ?? new FsStore(opts.cacheDir ?? defaultHubCacheDir(opts.env ?? processEnv()));
  return loadPretrained(repoIdOrFolder, store, opts);
}

/**
 * A folder holding tokenizer.json and optionally the two config files and chat_template.jinja (the
 * chat template as newer repos ship it; it wins over tokenizer_config.json's). Not read: the named
 * templates some repos keep in a folder of their own.
 */
async function loadFolder(dir: string, opts: NodePretrainedOptions): Promise<PretrainedTokenizer> {
  const tokenizerJson = await readIfFile(join(dir, 'tokenizer.json'));
  if (tokenizerJson === null) throw new TokenizerFileError(join(dir, 'tokenizer.json'), 'ENOENT');
  const chatTemplateFile = await readIfFile(join(dir, 'chat_template.jinja'));
  return buildPretrained(tokenizerJson, await readIfFile(join(dir, 'tokenizer_config.json')), await readIfFile(join(dir, 'special_tokens_map.json')), { ...opts, chatTemplateFile });
}

async function readIfFile(path: string): Promise<string | null> {
  try {
    return await fs.readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new TokenizerFileError(path, code ?? (err as Error).message);
  }
}

/**
 * `--tokenizer ARG`: an existing file is a tokenizer.json; an existing folder holds tokenizer.json and
 * optionally the two config files (a `save_pretrained` folder or a cache snapshot); anything else is
 * taken as a repo id and loaded with `fromPretrained`.
 */
export async function resolveTokenizerArg(arg: string, opts: NodePretrainedOptions = {}): Promise<PretrainedTokenizer> {
  const stat = await fs.stat(arg).catch(() => null);
  if (stat?.isFile()) {
    // Bytes: a tokenizer.json takes the fast loader, and a snapshot is recognised.
    const bytes = await fs.readFile(arg).catch(() => null);
    if (bytes === null) throw new TokenizerFileError(arg, 'ENOENT');
    return buildPretrained(bytes, null, null, opts);
  }
  if (stat?.isDirectory()) return loadFolder(arg, opts);
  // Something that can only be a path and is not there is a missing file, not a repo id to look up.
  if (stat === null && looksLikePath(arg)) throw new TokenizerFileError(arg, 'ENOENT');
  return fromPretrained(arg, opts);
}

/** A repo id is `NAME` or `ORG/NAME`; a `.json` name, `./`, `../`, `/`, `~`, a backslash or a second slash make a path. */
function looksLikePath(value: string): boolean {
  return /\.json$/i.test(value) || /^(\.{1,2}[\\/]|[\\/~])/.test(value) || value.split('/').length > 2 || value.includes('\\');
}
