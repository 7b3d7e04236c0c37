// Fetches one file from a hub's `resolve` URL with the global `fetch`: follows redirects by hand so
// the hub's X-Repo-Commit / X-Linked-Etag headers on the redirect are seen, drops Authorization
// when a redirect leaves the hub's origin (signed CDN URLs), checks the body length, and maps every
// failure to a typed error. It returns bytes only; writing them anywhere is the store's job.
// Not handled: Xet storage (the hub falls back to a plain CDN redirect for clients that don't ask
// for it), resuming partial downloads, retries.

import {
  HubAuthError,
  HubNetworkError,
  HubNotFoundError,
  HubProtocolError,
  HubServerError,
  type HubFileRef,
} from './errors.js';
import { normalizeEtag, resolveUrl } from './layout.js';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface DownloadOptions {
  endpoint: string;
  token: string | null;
  fetch: FetchLike;
  /** Abort one file's request (headers and body) after this long. */
  timeoutMs: number;
}

export type Downloaded =
  | { kind: 'file'; bytes: Uint8Array; commit: string | null; etag: string | null; url: string }
  /** The hub said the file does not exist in the repo at `commit` (404 EntryNotFound). */
  | { kind: 'absent'; commit: string | null };

const MAX_REDIRECTS = 10;

/** Set once this runtime has shown it hides manual redirects (browsers): later requests skip the probe. */
let redirectsHidden = false;

/** GET `file` at `ref.revision`; `absentOk` turns a missing-entry 404 into `{kind: 'absent'}`. */
export async function downloadHubFile(ref: HubFileRef, opts: DownloadOptions, absentOk: boolean): Promise<Downloaded> {
  let url = resolveUrl(opts.endpoint, ref.repoId, ref.revision, ref.file);
  const firstUrl = url;
  // Uncompressed bodies keep Content-Length and ETag comparable with what huggingface_hub sees
  // (browsers ignore this header: it is theirs to set).
  const headers: Record<string, string> = { 'accept-encoding': 'identity' };
  if (opts.token !== null) headers['authorization'] = `Bearer ${opts.token}`;
  // Headers of the hub's own response survive a CDN redirect only here: the CDN doesn't repeat them.
  let commit: string | null = null;
  let linkedEtag: string | null = null;
  let linkedSize: string | null = null;

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs);
  try {
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      let res = await request(ref, url, { headers, redirect: redirectsHidden ? 'follow' : 'manual', signal: controller.signal }, opts.fetch, controller);
      if (res.type === 'opaqueredirect') {
        // Browsers hide manual redirects; let the browser follow (it drops Authorization cross-origin).
        redirectsHidden = true;
        res = await request(ref, url, { headers, redirect: 'follow', signal: controller.signal }, opts.fetch, controller);
      }
      commit ??= res.headers.get('x-repo-commit');
      linkedEtag ??= res.headers.get('x-linked-etag');
      linkedSize ??= res.headers.get('x-linked-size');
      if (res.status >= 300 && res.status < 400) {
        const location = res.headers.get('location');
        await res.body?.cancel().catch(() => undefined);
        if (location === null) throw new HubProtocolError(ref, url, `HTTP ${res.status} without a Location header`);
        const next = new URL(location, url);
        // PARITY: huggingface_hub keeps the token for same-host redirects (renamed repos) and drops it for others.
        if (next.host !== new URL(url).host) delete headers['authorization'];
        url = next.href;
        continue;
      }
      if (!res.ok) {
        const err = await httpError(ref, url, res);
        // The required file came first, so the repo and revision exist: a 404 here is about the entry,
        // whether or not the server names it EntryNotFound.
        if (absentOk && err instanceof HubNotFoundError && err.status === 404 && err.code !== 'RepoNotFound' && err.code !== 'RevisionNotFound') {
          return { kind: 'absent', commit };
        }
        throw err;
      }
      const bytes = await readBody(ref, url, res, controller);
      const expected = linkedSize ?? (res.headers.get('content-encoding') ? null : res.headers.get('content-length'));
      if (expected !== null && Number(expected) !== bytes.length) {
        throw new HubNetworkError(ref, url, `body has ${bytes.length} bytes, the hub announced ${expected}`);
      }
      return { kind: 'file', bytes, commit, etag: normalizeEtag(linkedEtag ?? res.headers.get('etag')), url: firstUrl };
    }
    throw new HubProtocolError(ref, firstUrl, `more than ${MAX_REDIRECTS} redirects`);
  } finally {
    clearTimeout(timer);
  }
}

async function request(ref: HubFileRef, url: string, init: RequestInit, fetchFn: FetchLike, controller: AbortController): Promise<Response> {
  try {
    return await fetchFn(url, init);
  } catch (err) {
    throw new HubNetworkError(ref, url, describe(err, controller));
  }
}

async function readBody(ref: HubFileRef, url: string, res: Response, controller: AbortController): Promise<Uint8Array> {
  try {
    return new Uint8Array(await res.arrayBuffer());
  } catch (err) {
    throw new HubNetworkError(ref, url, `connection lost while reading the body (${describe(err, controller)})`);
  }
}

function describe(err: unknown, controller: AbortController): string {
  if (controller.signal.aborted) return 'timed out';
  if (err instanceof Error) {
    const cause = (err as { cause?: unknown }).cause;
    const inner = cause instanceof Error ? ` (${cause.message})` : '';
    return `${err.message}${inner}`;
  }
  return String(err);
}

// PARITY: huggingface_hub hf_raise_for_status — X-Error-Code decides the kind before the status does.
async function httpError(ref: HubFileRef, url: string, res: Response): Promise<Error> {
  const code = res.headers.get('x-error-code');
  let detail = res.headers.get('x-error-message') ?? '';
  if (!detail) {
    detail = await res.text().then((t) => t.trim().slice(0, 200), () => '');
  } else {
    await res.body?.cancel().catch(() => undefined);
  }
  const s = res.status;
  if (code === 'RepoNotFound' || code === 'RevisionNotFound' || code === 'EntryNotFound' || s === 404) {
    const hint =
      code === 'EntryNotFound'
        ? 'the repo has no such file at this revision; check the file name and revision'
        : code === 'RevisionNotFound'
          ? 'check the branch, tag or commit given as revision'
          : 'check the repo id; if the repo is private or gated, set HF_TOKEN or pass token';
    return new HubNotFoundError(ref, s, url, code, detail, hint);
  }
  if (s === 401 || s === 403) {
    return new HubAuthError(ref, s, url, code, detail, 'set HF_TOKEN (or pass token) to a token that can read this repo, and accept its conditions on the hub if it is gated');
  }
  return new HubServerError(ref, s, url, code, detail, 'the hub or a proxy failed; retry later, or use the cache offline (HF_HUB_OFFLINE=1) if the files were downloaded before');
}
