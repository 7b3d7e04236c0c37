// Finds a set of files for one repo and revision: the store first (a warm cache makes no request
// at all), then the hub for whatever is missing, writing each complete file back to the store.
// All files come from one commit: the first download pins the commit and the rest are fetched at
// it. Not handled: noticing that a cached branch moved on the hub (the cache wins, like
// `local_files_only`; pass a commit hash as revision to pin one), parallel downloads.

import { downloadHubFile, type DownloadOptions, type FetchLike } from './download.js';
import { HubNetworkError, HubOfflineError, HubProtocolError } from './errors.js';
import {
  DEFAULT_REVISION,
  isCommitHash,
  isSafeBlobName,
  offlineFromEnv,
  processEnv,
  resolveEndpoint,
  resolveToken,
  validateRepoId,
  validateRevision,
  type HubEnv,
} from './layout.js';
import type { HubStore } from './store.js';

export interface HubLoadOptions {
  /** Branch, tag or commit hash. Default `"main"`. */
  revision?: string;
  /** Hub base URL. Default: HF_ENDPOINT, else `https://huggingface.co`. */
  endpoint?: string;
  /** Bearer token. Default: HF_TOKEN (or HUGGING_FACE_HUB_TOKEN); `false` sends none. */
  token?: string | false;
  /** Never touch the network; also turned on by HF_HUB_OFFLINE=1. Default false. */
  localFilesOnly?: boolean;
  /** Environment to read HF_* variables from. Default: `process.env` where it exists. */
  env?: HubEnv;
  /** The fetch to use. Default: the global `fetch`. */
  fetch?: FetchLike;
  /** Per-file request timeout in milliseconds. Default 60000. */
  timeoutMs?: number;
}

export interface WantedFile {
  name: string;
  /** Optional files may be missing from the repo; a missing required file is an error. */
  required: boolean;
}

export interface HubFiles {
  repoId: string;
  revision: string;
  /** The commit the files belong to; null only when a browser hid X-Repo-Commit. */
  commit: string | null;
  /** name → bytes, or null when an optional file does not exist. */
  files: Map<string, Uint8Array | null>;
  /** How many files were downloaded (0 = served entirely from the store). */
  downloaded: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Downloads `missing` into `result` and the store. One storage key for the whole load, fixed by the
 * store or by the first download: a real commit (later files are then fetched at it), or null when
 * the server hid it (browsers see only the CDN's headers) — then every file of this load is filed
 * under the revision, so the next load finds them all together.
 */
async function downloadMissing(result: HubFiles, missing: readonly WantedFile[], store: HubStore, dl: DownloadOptions, known: string | null): Promise<void> {
  const { repoId, revision } = result;
  let storeCommit: string | null | undefined = known === null ? undefined : isCommitHash(known) ? known : null;
  for (const w of missing) {
    const got = await downloadHubFile({ repoId, revision: storeCommit ?? revision, file: w.name }, dl, !w.required);
    if (storeCommit === undefined) storeCommit = got.commit ?? (isCommitHash(revision) ? revision : null);
    if (store.needsCommitAndEtag && got.kind === 'file' && (storeCommit === null || !isSafeBlobName(got.etag))) {
      // PARITY: huggingface_hub refuses such responses too (FileMetadataError).
      const missingHeader = storeCommit === null ? 'X-Repo-Commit' : 'a usable ETag (or X-Linked-Etag)';
      throw new HubProtocolError({ repoId, revision, file: w.name }, got.url, `no ${missingHeader} header, so the file has no place in the cache layout`);
    }
    result.commit = storeCommit;
    const entry = { repoId, revision, commit: storeCommit, file: w.name };
    if (got.kind === 'file') {
      await store.write({ ...entry, etag: got.etag, bytes: got.bytes });
      result.files.set(w.name, got.bytes);
      result.downloaded++;
    } else {
      await store.markAbsent(entry);
      result.files.set(w.name, null);
    }
  }
}

export async function loadHubFiles(repoId: string, wanted: readonly WantedFile[], store: HubStore, opts: HubLoadOptions = {}): Promise<HubFiles> {
  const revision = opts.revision ?? DEFAULT_REVISION;
  validateRepoId(repoId);
  validateRevision(revision);
  const env = opts.env ?? processEnv();
  const result: HubFiles = { repoId, revision, commit: null, files: new Map(), downloaded: 0 };

  const commit = isCommitHash(revision) ? revision : await store.resolveRevision(repoId, revision);
  let missing: WantedFile[] = [...wanted];
  if (commit !== null) {
    result.commit = isCommitHash(commit) ? commit : null;
    missing = [];
    for (const w of wanted) {
      const stored = await store.read(repoId, commit, w.name);
      if (stored.kind === 'file') result.files.set(w.name, stored.bytes);
      else if (stored.kind === 'absent') result.files.set(w.name, null);
      else missing.push(w);
    }
  }
  if (missing.length === 0) return result;

  const offlineWhy = opts.localFilesOnly ? 'localFilesOnly is set' : offlineFromEnv(env) ? 'offline mode is on (HF_HUB_OFFLINE / TRANSFORMERS_OFFLINE)' : null;
  if (offlineWhy !== null) {
    const required = missing.find((w) => w.required);
    if (required) throw new HubOfflineError({ repoId, revision, file: required.name }, store.location, offlineWhy);
    // PARITY: transformers treats optional files it cannot see offline as absent.
    for (const w of missing) result.files.set(w.name, null);
    return result;
  }

  const fetchFn = opts.fetch ?? (globalThis as { fetch?: FetchLike }).fetch;
  const endpoint = resolveEndpoint(opts.endpoint, env);
  if (fetchFn === undefined) {
    throw new HubNetworkError({ repoId, revision, file: missing[0]!.name }, endpoint, 'no global fetch in this runtime (Node >= 18 has one); pass opts.fetch');
  }
  const dl = { endpoint, token: resolveToken(opts.token, env), fetch: fetchFn.bind(globalThis), timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS };
  // Required files first, so a missing optional file is reported against a repo known to exist.
  missing.sort((a, b) => Number(b.required) - Number(a.required));
  await downloadMissing(result, missing, store, dl, commit);
  return result;
}
