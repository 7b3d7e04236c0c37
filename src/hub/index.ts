// The platform-neutral hub entry: `fromPretrained` with a browser-friendly default store (the Cache
// API where it exists, else memory for the life of the process), plus the pieces for custom stores.
// The Node entry (src/hub/node.ts) replaces the default with the Python-compatible file cache.

import { CacheApiStore, globalCaches } from './cache-api-store.js';
import { loadPretrained, type PretrainedOptions, type PretrainedTokenizer } from './pretrained.js';
import { MemoryStore, type HubStore } from './store.js';

let defaultStore: HubStore | null = null;

/** The store `fromPretrained` uses when none is given: Cache API if present, else one shared MemoryStore. */
export function defaultBrowserStore(): HubStore {
  if (defaultStore === null) {
    const caches = globalCaches();
    defaultStore = caches ? new CacheApiStore(caches) : new MemoryStore();
  }
  return defaultStore;
}

export interface BrowserPretrainedOptions extends PretrainedOptions {
  /** Where downloaded files are kept. Default: `defaultBrowserStore()`. */
  store?: HubStore;
}

/**
 * Loads the tokenizer of a hub repo (tokenizer.json + tokenizer_config.json + special_tokens_map.json
 * + chat_template.jinja; all but the first optional).
 * Looks in the store first and downloads only what is missing; HF_HUB_OFFLINE / `localFilesOnly`
 * never touch the network.
 */
export function fromPretrained(repoId: string, opts: BrowserPretrainedOptions = {}): Promise<PretrainedTokenizer> {
  return loadPretrained(repoId, opts.store ?? defaultBrowserStore(), opts);
}
