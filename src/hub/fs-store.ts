// Node-only store that reads and writes the Hugging Face cache exactly as Python's huggingface_hub
// lays it out, so files downloaded by either side are found by the other:
//   <cache>/models--ORG--NAME/blobs/<etag>                    the bytes, named by ETag
//   <cache>/models--ORG--NAME/snapshots/<commit>/<file>       relative symlink to ../../blobs/<etag>
//   <cache>/models--ORG--NAME/refs/<revision>                 the commit a branch/tag pointed to
//   <cache>/models--ORG--NAME/.no_exist/<commit>/<file>       empty: the file is known not to exist
// Every write goes to a unique temporary name first and is renamed into place, so a crash or a
// failed download never leaves a half-written blob, pointer or ref. No file locks: concurrent
// writers at worst both write the same complete file. Where symlinks are refused (Windows without
// developer mode) the snapshot gets a copy of the blob, as Python does.

import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { HubCacheError } from './errors.js';
import { isCommitHash, isSafeBlobName, processEnv, repoFolderName, type HubEnv } from './layout.js';
import type { HubStore, StoreWrite, StoredFile } from './store.js';

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? join(homedir(), p.slice(1)) : p;
}

/**
 * The cache folder huggingface_hub uses: HF_HUB_CACHE, else the legacy HUGGINGFACE_HUB_CACHE, else
 * HF_HOME/hub, else $XDG_CACHE_HOME/huggingface/hub, else ~/.cache/huggingface/hub. `~` is expanded;
 * `$VAR` inside the values is not (Python also runs expandvars).
 */
export function defaultHubCacheDir(env: HubEnv = processEnv()): string {
  const hubCache = env['HF_HUB_CACHE'] ?? env['HUGGINGFACE_HUB_CACHE'];
  if (hubCache !== undefined) return resolve(expandHome(hubCache));
  const home = env['HF_HOME'] ?? join(env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'huggingface');
  return resolve(expandHome(home), 'hub');
}

function tmpSuffix(): string {
  return `.${randomBytes(4).toString('hex')}`;
}

function errno(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | null)?.code;
}

/** Missing or not-a-file: "not stored", never an error. */
const ABSENT_CODES = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

export class FsStore implements HubStore {
  readonly location: string;
  readonly needsCommitAndEtag = true;

  constructor(cacheDir: string) {
    this.location = resolve(cacheDir);
  }

  private repoDir(repoId: string): string {
    return join(this.location, repoFolderName(repoId));
  }

  async resolveRevision(repoId: string, revision: string): Promise<string | null> {
    const path = join(this.repoDir(repoId), 'refs', revision);
    try {
      const text = (await fs.readFile(path, 'utf8')).trim();
      // Anything but a full hash (a truncated or hand-edited ref) counts as "not cached": the next
      // download rewrites the ref. It also keeps a ref's content from steering paths outside snapshots/.
      return isCommitHash(text) ? text : null;
    } catch (err) {
      if (ABSENT_CODES.has(errno(err) ?? '')) return null;
      throw new HubCacheError({ repoId, revision, file: `refs/${revision}` }, path, String(err));
    }
  }

  async read(repoId: string, commit: string, file: string): Promise<StoredFile> {
    const dir = this.repoDir(repoId);
    const pointer = join(dir, 'snapshots', commit, file);
    try {
      // readFile follows the symlink; a dangling one (blob deleted by hand) reads as ENOENT.
      return { kind: 'file', bytes: new Uint8Array(await fs.readFile(pointer)) };
    } catch (err) {
      if (!ABSENT_CODES.has(errno(err) ?? '')) throw new HubCacheError({ repoId, revision: commit, file }, pointer, String(err));
    }
    try {
      if ((await fs.stat(join(dir, '.no_exist', commit, file))).isFile()) return { kind: 'absent' };
    } catch (err) {
      if (!ABSENT_CODES.has(errno(err) ?? '')) throw new HubCacheError({ repoId, revision: commit, file }, dir, String(err));
    }
    return { kind: 'unknown' };
  }

  async write(entry: StoreWrite & { etag: string | null; bytes: Uint8Array }): Promise<void> {
    const { repoId, revision, commit, file, etag } = entry;
    const ref = { repoId, revision, file };
    const dir = this.repoDir(repoId);
    // loadHubFiles checks both before writing (needsCommitAndEtag); this guards direct callers.
    if (commit === null || !isSafeBlobName(etag)) {
      throw new HubCacheError(ref, dir, `no ${commit === null ? 'commit hash' : 'usable ETag'} to file the download under`);
    }
    const blob = join(dir, 'blobs', etag);
    const pointer = join(dir, 'snapshots', commit, file);
    await this.guard(ref, blob, async () => {
      await fs.mkdir(dirname(blob), { recursive: true });
      if (!(await exists(blob))) await writeAtomic(blob, entry.bytes);
    });
    await this.guard(ref, pointer, async () => {
      await fs.mkdir(dirname(pointer), { recursive: true });
      if (!(await exists(pointer))) await linkAtomic(blob, pointer);
    });
    await this.writeRef(ref, commit);
  }

  async markAbsent(entry: StoreWrite): Promise<void> {
    const { repoId, revision, commit, file } = entry;
    // Without the commit there is no folder to put the marker in; the next load simply asks again.
    if (commit === null) return;
    const ref = { repoId, revision, file };
    const marker = join(this.repoDir(repoId), '.no_exist', commit, file);
    await this.guard(ref, marker, async () => {
      await fs.mkdir(dirname(marker), { recursive: true });
      await fs.writeFile(marker, '');
    });
    await this.writeRef(ref, commit);
  }

  /** refs/<revision> ← commit, only when the revision is a name (or a short hash), as Python does. */
  private async writeRef(ref: { repoId: string; revision: string; file: string }, commit: string): Promise<void> {
    if (ref.revision === commit) return;
    const path = join(this.repoDir(ref.repoId), 'refs', ref.revision);
    await this.guard(ref, path, async () => {
      const current = await fs.readFile(path, 'utf8').catch(() => null);
      if (current === commit) return;
      await fs.mkdir(dirname(path), { recursive: true });
      await writeAtomic(path, new TextEncoder().encode(commit));
    });
  }

  private async guard(ref: { repoId: string; revision: string; file: string }, path: string, body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (err) {
      throw new HubCacheError(ref, path, err instanceof Error ? err.message : String(err));
    }
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await fs.stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Write to `<path>.<random>.incomplete`, then rename over `path`: readers see all or nothing. */
async function writeAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${path}${tmpSuffix()}.incomplete`;
  try {
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, path);
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}

/** Relative symlink pointer → blob, made under a temporary name and renamed; a copy if symlinks fail. */
async function linkAtomic(blob: string, pointer: string): Promise<void> {
  const tmp = `${pointer}${tmpSuffix()}.tmp`;
  try {
    await fs.symlink(relative(dirname(pointer), blob), tmp);
  } catch (err) {
    if (errno(err) !== 'EPERM' && errno(err) !== 'EACCES' && errno(err) !== 'ENOSYS') throw err;
    await writeAtomic(pointer, new Uint8Array(await fs.readFile(blob)));
    return;
  }
  try {
    await fs.rename(tmp, pointer);
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}
