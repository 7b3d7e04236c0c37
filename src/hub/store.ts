// Where downloaded hub files are kept between loads: the store interface and an in-memory store.
// The Node file store (src/hub/fs-store.ts) writes the Python cache layout; the Cache API store
// (src/hub/cache-api-store.ts) serves browsers. A store never holds a partially written file.

/** What a store knows about one file at one commit. */
export type StoredFile =
  | { kind: 'file'; bytes: Uint8Array }
  /** The hub said the file does not exist at that commit (Python's `.no_exist/` marker). */
  | { kind: 'absent' }
  /** Nothing stored. */
  | { kind: 'unknown' };

export interface StoreWrite {
  repoId: string;
  /** The revision the caller asked for (branch, tag, short or full hash). */
  revision: string;
  /** The full commit hash from X-Repo-Commit; null when the server hid it (browsers without CORS exposure). */
  commit: string | null;
  file: string;
}

export interface HubStore {
  /** Shown in errors: a folder, `memory`, or a Cache API name. */
  readonly location: string;
  /** True when entries are filed by commit hash and ETag (the Python layout): downloads must carry both. */
  readonly needsCommitAndEtag: boolean;
  /** The commit a branch/tag/short hash pointed to when last downloaded; null if never seen. */
  resolveRevision(repoId: string, revision: string): Promise<string | null>;
  read(repoId: string, commit: string, file: string): Promise<StoredFile>;
  /** Store a complete file; `etag` names the blob in layouts that dedupe by content. */
  write(entry: StoreWrite & { etag: string | null; bytes: Uint8Array }): Promise<void>;
  /** Remember that `file` does not exist at `commit`, so later loads need no request for it. */
  markAbsent(entry: StoreWrite): Promise<void>;
}

/**
 * The key a store files things under when the server did not reveal the commit: the revision itself,
 * prefixed so it can never collide with a real 40-hex commit.
 */
export function commitKey(entry: StoreWrite): string {
  return entry.commit ?? `revision:${entry.revision}`;
}

/** Keeps everything in a Map for the life of the process; the default where there is no file system. */
export class MemoryStore implements HubStore {
  readonly location = 'memory';
  readonly needsCommitAndEtag = false;
  private readonly refs = new Map<string, string>();
  private readonly files = new Map<string, StoredFile>();

  async resolveRevision(repoId: string, revision: string): Promise<string | null> {
    return this.refs.get(`${repoId}\n${revision}`) ?? null;
  }

  async read(repoId: string, commit: string, file: string): Promise<StoredFile> {
    return this.files.get(`${repoId}\n${commit}\n${file}`) ?? { kind: 'unknown' };
  }

  async write(entry: StoreWrite & { etag: string | null; bytes: Uint8Array }): Promise<void> {
    const key = commitKey(entry);
    this.files.set(`${entry.repoId}\n${key}\n${entry.file}`, { kind: 'file', bytes: entry.bytes.slice() });
    this.refs.set(`${entry.repoId}\n${entry.revision}`, key);
  }

  async markAbsent(entry: StoreWrite): Promise<void> {
    const key = commitKey(entry);
    this.files.set(`${entry.repoId}\n${key}\n${entry.file}`, { kind: 'absent' });
    this.refs.set(`${entry.repoId}\n${entry.revision}`, key);
  }
}
