// The naming rules of the Hugging Face Hub and its cache, shared by every store and the downloader:
// repo-id checks, `models--ORG--NAME` folder names, commit-hash and ETag forms, resolve URLs, and the
// HF_* environment variables. Platform-neutral: no `node:` imports, no I/O. Datasets and spaces
// (`datasets--…`) are not handled: tokenizers live in model repos.

import { HubArgumentError } from './errors.js';

/** The public hub; overridden by `endpoint` or HF_ENDPOINT. */
export const DEFAULT_ENDPOINT = 'https://huggingface.co';
export const DEFAULT_REVISION = 'main';

export type HubEnv = Readonly<Record<string, string | undefined>>;

/** The process environment where there is one (Node, Deno, Bun), else empty (browsers). */
export function processEnv(): HubEnv {
  const proc = (globalThis as { process?: { env?: HubEnv } }).process;
  return proc?.env ?? {};
}

// PARITY: huggingface_hub constants._is_true — these four spellings, case-insensitive.
const TRUE_VALUES = new Set(['1', 'ON', 'YES', 'TRUE']);
function isTrue(value: string | undefined): boolean {
  return value !== undefined && TRUE_VALUES.has(value.toUpperCase());
}

/** HF_HUB_OFFLINE, else the older TRANSFORMERS_OFFLINE (huggingface_hub reads both, first non-empty wins). */
export function offlineFromEnv(env: HubEnv): boolean {
  return isTrue(env['HF_HUB_OFFLINE'] || env['TRANSFORMERS_OFFLINE']);
}

/** `endpoint` option, else HF_ENDPOINT, else the public hub; trailing slashes dropped as Python does. */
export function resolveEndpoint(endpoint: string | undefined, env: HubEnv): string {
  // An empty HF_ENDPOINT is never meant as a base URL: treat it as unset.
  return (endpoint || env['HF_ENDPOINT'] || DEFAULT_ENDPOINT).replace(/\/+$/, '');
}

/**
 * `token` option (a string; `false` sends none), else HF_TOKEN, else the legacy HUGGING_FACE_HUB_TOKEN.
 * Newlines and surrounding spaces are removed and an empty token counts as none, as in huggingface_hub.
 * The token file ($HF_HOME/token) written by `huggingface-cli login` is not read.
 */
export function resolveToken(token: string | false | undefined, env: HubEnv): string | null {
  if (token === false) return null;
  const raw = token ?? (env['HF_TOKEN'] || env['HUGGING_FACE_HUB_TOKEN']);
  if (raw === undefined) return null;
  const clean = raw.replace(/[\r\n]/g, '').trim();
  return clean === '' ? null : clean;
}

const COMMIT_HASH = /^[0-9a-f]{40}$/;

/** A full commit hash: the cache keeps snapshots under these, and needs no `refs/` lookup for them. */
export function isCommitHash(revision: string): boolean {
  return COMMIT_HASH.test(revision);
}

// Same shape huggingface_hub's validate_repo_id accepts: optional namespace, word characters,
// '-', '.', '_', at most 96 per part, no '--' or '..' (they would break the folder name).
const REPO_ID = /^(?:[A-Za-z0-9_](?:[\w.-]{0,94}[A-Za-z0-9_])?\/)?[A-Za-z0-9_](?:[\w.-]{0,94}[A-Za-z0-9_])?$/;

export function validateRepoId(repoId: string): void {
  if (!REPO_ID.test(repoId)) {
    throw new HubArgumentError('repo id', repoId, "use letters, digits, '-', '_' or '.', at most one '/', not starting or ending with '-' or '.'");
  }
  if (repoId.includes('--') || repoId.includes('..')) {
    throw new HubArgumentError('repo id', repoId, "'--' and '..' are not allowed");
  }
  if (repoId.endsWith('.git')) throw new HubArgumentError('repo id', repoId, "it cannot end with '.git'");
}

/** Revisions become folder names under refs/ and snapshots/: keep them inside those folders. */
export function validateRevision(revision: string): void {
  if (revision === '' || revision.split('/').some((part) => part === '' || part === '.' || part === '..') || revision.includes('\\')) {
    throw new HubArgumentError('revision', revision, "empty parts, '.', '..' and backslashes are not allowed");
  }
}

/** `models--ORG--NAME`, the repo's folder in the cache (huggingface_hub repo_folder_name). */
export function repoFolderName(repoId: string): string {
  return ['models', ...repoId.split('/')].join('--');
}

/**
 * ETag header → blob name: drop a weak `W/` prefix and the quotes. PARITY: Python does
 * `etag.lstrip("W/").strip('"')`, which strips any leading run of 'W' and '/' characters.
 */
export function normalizeEtag(etag: string | null): string | null {
  if (etag === null) return null;
  return etag.replace(/^[W/]+/, '').replace(/^"+|"+$/g, '');
}

/** An ETag usable as a file name under blobs/ (it is one on the real hub: a hex digest). */
export function isSafeBlobName(etag: string | null): etag is string {
  return etag !== null && etag !== '' && etag !== '.' && !etag.includes('/') && !etag.includes('\\') && !etag.includes('..');
}

// Python's urllib.parse.quote(s, safe=""): everything but letters, digits and "_.-~" is escaped.
function quoteAll(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `${endpoint}/${repoId}/resolve/${revision}/${file}` with the quoting hf_hub_url applies. */
export function resolveUrl(endpoint: string, repoId: string, revision: string, file: string): string {
  const quotedFile = file.split('/').map(quoteAll).join('/');
  return `${endpoint}/${repoId}/resolve/${quoteAll(revision)}/${quotedFile}`;
}
