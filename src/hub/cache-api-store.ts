// A store on the browser Cache API (also in service workers, Deno and Cloudflare Workers): entries
// live under made-up https://mbbpe.invalid/ URLs in one named cache. Each `put` replaces one entry
// whole, so a failed download never leaves a partial file. Not the Python layout: browsers have no
// shared file cache to match.

import { HubCacheError } from './errors.js';
import { commitKey, type HubStore, type StoreWrite, type StoredFile } from './store.js';

interface CacheLike {
  match(url: string): Promise<Response | undefined>;
  put(url: string, res: Response): Promise<void>;
}
interface CacheStorageLike {
  open(name: string): Promise<CacheLike>;
}

/** The global CacheStorage where the runtime has one (browsers), else null. */
export function globalCaches(): CacheStorageLike | null {
  return (globalThis as { caches?: CacheStorageLike }).caches ?? null;
}

const BASE = 'https://mbbpe.invalid/hub';

export class CacheApiStore implements HubStore {
  readonly location: string;
  readonly needsCommitAndEtag = false;
  private cache: Promise<CacheLike> | null = null;

  constructor(
    private readonly storage: CacheStorageLike,
    readonly name = 'mbbpe-hub',
  ) {
    this.location = `Cache API '${name}'`;
  }

  private open(): Promise<CacheLike> {
    this.cache ??= this.storage.open(this.name);
    return this.cache;
  }

  private url(repoId: string, ...parts: string[]): string {
    return [BASE, ...repoId.split('/'), ...parts].map((p, i) => (i === 0 ? p : encodeURIComponent(p))).join('/');
  }

  async resolveRevision(repoId: string, revision: string): Promise<string | null> {
    const res = await this.guarded({ repoId, revision, file: '' }, async (c) => c.match(this.url(repoId, 'refs', revision)));
    return res ? (await res.text()).trim() || null : null;
  }

  async read(repoId: string, commit: string, file: string): Promise<StoredFile> {
    const res = await this.guarded({ repoId, revision: commit, file }, async (c) => c.match(this.url(repoId, 'files', commit, file)));
    if (!res) return { kind: 'unknown' };
    if (res.headers.get('x-mbbpe-absent') === '1') return { kind: 'absent' };
    return { kind: 'file', bytes: new Uint8Array(await res.arrayBuffer()) };
  }

  async write(entry: StoreWrite & { etag: string | null; bytes: Uint8Array }): Promise<void> {
    await this.put(entry, new Response(entry.bytes.slice()));
  }

  async markAbsent(entry: StoreWrite): Promise<void> {
    await this.put(entry, new Response('', { headers: { 'x-mbbpe-absent': '1' } }));
  }

  /** The file first, then the ref: a ref never points at a commit whose file is not there yet. */
  private async put(entry: StoreWrite, res: Response): Promise<void> {
    const key = commitKey(entry);
    await this.guarded(entry, async (c) => {
      await c.put(this.url(entry.repoId, 'files', key, entry.file), res);
      await c.put(this.url(entry.repoId, 'refs', entry.revision), new Response(key));
    });
  }

  private async guarded<T>(ref: { repoId: string; revision: string; file: string }, body: (c: CacheLike) => Promise<T>): Promise<T> {
    try {
      return await body(await this.open());
    } catch (err) {
      throw new HubCacheError(ref, this.location, err instanceof Error ? err.message : String(err));
    }
  }
}
