// Errors raised while finding tokenizer files on the Hugging Face Hub or in its local cache, and while
// reading tokenizer_config.json / special_tokens_map.json. Each names the repo, revision and file so
// the message alone says what to fix; none of them leaves a half-written cache entry behind.

import { MbbpeError } from '../errors.js';

/** Where a hub error happened: enough to retry by hand with `curl` or `huggingface-cli`. */
export interface HubFileRef {
  repoId: string;
  revision: string;
  file: string;
}

function where(ref: HubFileRef): string {
  return `'${ref.file}' of '${ref.repoId}' (revision '${ref.revision}')`;
}

/** Base class: every hub failure carries the repo, revision and file it was about. */
export class HubError extends MbbpeError {
  readonly repoId: string;
  readonly revision: string;
  readonly file: string;

  constructor(ref: HubFileRef, message: string, hint: string) {
    super(message, hint);
    this.repoId = ref.repoId;
    this.revision = ref.revision;
    this.file = ref.file;
  }
}

/** Offline mode (HF_HUB_OFFLINE=1 or `localFilesOnly`) and the file is not in the cache. */
export class HubOfflineError extends HubError {
  readonly cacheDir: string;

  constructor(ref: HubFileRef, cacheDir: string, why: string) {
    super(
      ref,
      `cannot load ${where(ref)}: not found in the cache at ${cacheDir} and ${why}`,
      'download it once with network access (unset HF_HUB_OFFLINE, drop localFilesOnly), or point cacheDir/HF_HUB_CACHE at a cache that has it',
    );
    this.cacheDir = cacheDir;
  }
}

/** The hub answered with an HTTP error status. `code` is the hub's X-Error-Code header when sent. */
export class HubHttpError extends HubError {
  readonly status: number;
  readonly url: string;
  readonly code: string | null;

  constructor(ref: HubFileRef, status: number, url: string, code: string | null, detail: string, hint: string) {
    super(ref, `HTTP ${status} for ${where(ref)} from ${url}${code ? ` [${code}]` : ''}${detail ? `: ${detail}` : ''}`, hint);
    this.status = status;
    this.url = url;
    this.code = code;
  }
}

/** 401/403 that is not "repo not found": a gated or private repo without (or with a bad) token. */
export class HubAuthError extends HubHttpError {}

/** 404, or the hub's RepoNotFound / RevisionNotFound / EntryNotFound codes. */
export class HubNotFoundError extends HubHttpError {}

/** 5xx and other unexpected statuses: the hub (or a proxy) failed. */
export class HubServerError extends HubHttpError {}

/** The connection failed or dropped (before or during the body), timed out, or the body was short. */
export class HubNetworkError extends HubError {
  readonly url: string;

  constructor(ref: HubFileRef, url: string, reason: string) {
    super(ref, `network failure fetching ${where(ref)} from ${url}: ${reason}`, 'check the connection or HF_ENDPOINT and retry; nothing was written to the cache');
    this.url = url;
  }
}

/** The server answered 200 but without what a Hugging Face hub always sends (commit hash, ETag). */
export class HubProtocolError extends HubError {
  constructor(ref: HubFileRef, url: string, reason: string) {
    super(ref, `unexpected response for ${where(ref)} from ${url}: ${reason}`, 'check that HF_ENDPOINT points at a Hugging Face hub (or a mirror that forwards X-Repo-Commit and ETag headers)');
  }
}

/** The cache could not be read or written (permissions, full disk, a file where a folder should be). */
export class HubCacheError extends HubError {
  readonly path: string;

  constructor(ref: HubFileRef, path: string, reason: string) {
    super(ref, `cache failure for ${where(ref)} at ${path}: ${reason}`, 'check permissions and free space of the cache folder, or choose another with cacheDir/HF_HUB_CACHE');
    this.path = path;
  }
}

/** A repo id or file name that cannot be a hub path (empty parts, '..', too many slashes). */
export class HubArgumentError extends MbbpeError {
  readonly value: string;

  constructor(what: string, value: string, reason: string) {
    super(`invalid ${what} '${value}': ${reason}`, `a repo id looks like 'EleutherAI/polyglot-ko-1.3b'`);
    this.value = value;
  }
}

/** tokenizer_config.json / special_tokens_map.json that does not parse or has a field of the wrong type. */
export class PretrainedConfigError extends MbbpeError {
  readonly file: string;
  /** JSON path of the bad field, e.g. `eos_token.content`; empty when the whole file is bad. */
  readonly path: string;
  readonly reason: string;

  constructor(file: string, path: string, reason: string) {
    super(`${file}${path ? ` at '${path}'` : ''}: ${reason}`, 'fix or delete the field; transformers would reject it too');
    this.file = file;
    this.path = path;
    this.reason = reason;
  }
}
