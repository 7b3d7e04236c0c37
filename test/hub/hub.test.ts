// Loading from a hub served locally (127.0.0.1 only): first load fills the cache in the Python
// layout, a second load makes no request, offline modes never touch the network, HTTP and network
// failures raise typed errors and leave no corrupt cache entry, and a cache built by hand in
// Python's layout is found.

import { mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Tokenizer } from '../../src/tokenizer.js';
import { HubAuthError, HubNetworkError, HubNotFoundError, HubOfflineError, HubServerError, HubArgumentError, HubProtocolError } from '../../src/hub/errors.js';
import { fromPretrained, resolveTokenizerArg } from '../../src/hub/node.js';
import { CacheApiStore } from '../../src/hub/cache-api-store.js';
import { MemoryStore } from '../../src/hub/store.js';
import { fromPretrained as fromPretrainedNeutral } from '../../src/hub/index.js';
import { gitBlobSha1, sha256, startFakeHub, type FakeHub } from './hub-server.js';
import { COMMIT, FOLDER, REPO, listTree, polyglotFiles, polyglotRepo, removeTempDirs, tempDir } from './fixture.js';

const files = polyglotFiles('hub loading');

/** Enough of the browser CacheStorage for CacheApiStore: one Map of URL → stored response bytes. */
function fakeCacheStorage() {
  const entries = new Map<string, { body: ArrayBuffer; headers: [string, string][] }>();
  const cache = {
    async match(url: string) {
      const e = entries.get(url);
      return e ? new Response(e.body.slice(0), { headers: e.headers }) : undefined;
    },
    async put(url: string, res: Response) {
      const headers: [string, string][] = [];
      res.headers.forEach((v, k) => headers.push([k, v]));
      entries.set(url, { body: await res.arrayBuffer(), headers });
    },
  };
  return { entries, open: async () => cache };
}
const suite = files ? describe : describe.skip;

/** A fetch that fails the test if called: proves "no request". */
const noFetch = async (): Promise<Response> => {
  throw new Error('network touched');
};

suite('fromPretrained against a local hub', () => {
  let hub: FakeHub;
  const src = files!;

  beforeAll(async () => {
    hub = await startFakeHub(new Map([[REPO, polyglotRepo(src)], ['secret/repo', polyglotRepo(src, { token: 'hf_good' })]]));
  });
  afterAll(async () => {
    await hub.close();
    removeTempDirs();
  });
  afterEach(() => {
    hub.faults.clear();
    hub.log.length = 0;
  });

  const opts = (cacheDir: string, extra: object = {}) => ({ cacheDir, endpoint: hub.endpoint, env: {}, ...extra });

  /** Every snapshot entry resolves to a blob whose bytes are the served file; nothing temporary is left. */
  function expectSoundCache(cacheDir: string): string[] {
    const tree = listTree(cacheDir);
    expect(tree.filter((e) => /incomplete|\.tmp$/.test(e))).toEqual([]);
    for (const e of tree.filter((x) => x.startsWith('l ') || (x.startsWith('f ') && x.includes('/snapshots/')))) {
      const rel = e.slice(2);
      const name = rel.split('/').pop()!;
      expect(readFileSync(join(cacheDir, rel)).equals(src.get(name)!), rel).toBe(true);
    }
    for (const e of tree.filter((x) => x.startsWith('f ') && x.includes('/blobs/'))) {
      const bytes = readFileSync(join(cacheDir, e.slice(2)));
      const blob = e.split('/').pop()!;
      expect([sha256(bytes), gitBlobSha1(bytes)]).toContain(blob);
    }
    return tree;
  }

  it('first load downloads the three files and writes the Python cache layout', async () => {
    const cache = tempDir('first');
    const tok = await fromPretrained(REPO, opts(cache));
    expect(tok.source).toEqual({ repoId: REPO, revision: 'main', commit: COMMIT });
    // Same tokenizer as building from the file directly.
    const direct = Tokenizer.fromJSON(src.get('tokenizer.json')!.toString('utf8'));
    const text = '안녕하세요, 한국어 토크나이저입니다.<|endoftext|>';
    expect(tok.encode(text).ids).toEqual(direct.encode(text).ids);

    const repo = join(cache, FOLDER);
    expect(readFileSync(join(repo, 'refs/main'), 'utf8')).toBe(COMMIT);
    const tj = src.get('tokenizer.json')!;
    expect(readlinkSync(join(repo, 'snapshots', COMMIT, 'tokenizer.json'))).toBe(`../../blobs/${sha256(tj)}`);
    const tc = src.get('tokenizer_config.json')!;
    expect(readlinkSync(join(repo, 'snapshots', COMMIT, 'tokenizer_config.json'))).toBe(`../../blobs/${gitBlobSha1(tc)}`);
    expectSoundCache(cache);
    // One resolve per file; the rest pinned to the commit the first one reported.
    const resolves = hub.log.filter((r) => r.path.includes('/resolve/')).map((r) => r.path);
    expect(resolves).toEqual([
      `/${REPO}/resolve/main/tokenizer.json`,
      `/${REPO}/resolve/${COMMIT}/tokenizer_config.json`,
      `/${REPO}/resolve/${COMMIT}/special_tokens_map.json`,
      `/${REPO}/resolve/${COMMIT}/chat_template.jinja`,
    ]);
    // Polyglot-Ko has no chat_template.jinja: remembered as absent, as huggingface_hub does.
    expect(existsSync(join(cache, FOLDER, '.no_exist', COMMIT, 'chat_template.jinja'))).toBe(true);
  });

  it('second load uses the cache and makes no request', async () => {
    const cache = tempDir('second');
    await fromPretrained(REPO, opts(cache));
    const before = hub.log.length;
    const tok = await fromPretrained(REPO, opts(cache, { fetch: noFetch }));
    expect(hub.log.length).toBe(before);
    expect(tok.eosToken).toBe('<|endoftext|>');
    expect(tok.source?.commit).toBe(COMMIT);
  });

  it('offline with a warm cache works without the network', async () => {
    const cache = tempDir('warm');
    await fromPretrained(REPO, opts(cache));
    hub.log.length = 0;
    const a = await fromPretrained(REPO, opts(cache, { env: { HF_HUB_OFFLINE: '1' }, fetch: noFetch }));
    const b = await fromPretrained(REPO, opts(cache, { localFilesOnly: true, fetch: noFetch }));
    expect(a.eosTokenId).toBe(b.eosTokenId);
    expect(hub.log).toEqual([]);
  });

  it('offline with a cold cache fails naming the repo and the file, without a request', async () => {
    for (const o of [{ env: { HF_HUB_OFFLINE: '1' } }, { env: { TRANSFORMERS_OFFLINE: 'yes' } }, { localFilesOnly: true }]) {
      const cache = tempDir('cold');
      const err = await fromPretrained(REPO, opts(cache, { ...o, fetch: noFetch })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(HubOfflineError);
      expect((err as Error).message).toContain(REPO);
      expect((err as Error).message).toContain('tokenizer.json');
      expect((err as HubOfflineError).file).toBe('tokenizer.json');
      expect(listTree(cache)).toEqual([]);
    }
    expect(hub.log).toEqual([]);
  });

  const httpCases: Array<[string, number, string | undefined, new (...a: never[]) => Error]> = [
    ['401', 401, undefined, HubAuthError],
    ['403 gated', 403, 'GatedRepo', HubAuthError],
    ['404 entry', 404, 'EntryNotFound', HubNotFoundError],
    ['500', 500, undefined, HubServerError],
    ['503', 503, undefined, HubServerError],
  ];
  for (const [label, status, code, cls] of httpCases) {
    it(`HTTP ${label} on tokenizer.json → ${cls.name}, nothing cached`, async () => {
      const cache = tempDir(`http${status}`);
      hub.faults.set('tokenizer.json', code ? { status, code } : { status });
      const err = await fromPretrained(REPO, opts(cache)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(cls);
      expect((err as HubServerError).status).toBe(status);
      expect((err as Error).message).toContain(REPO);
      expect((err as Error).message).toContain('tokenizer.json');
      expect(listTree(cache).filter((e) => !e.startsWith('d '))).toEqual([]);
    });
  }

  it('HTTP 500 on an optional file fails the load; the cache stays sound and a retry completes it', async () => {
    const cache = tempDir('opt500');
    hub.faults.set('tokenizer_config.json', { status: 500 });
    await expect(fromPretrained(REPO, opts(cache))).rejects.toBeInstanceOf(HubServerError);
    const tree = expectSoundCache(cache);
    expect(tree.some((e) => e.endsWith('tokenizer_config.json'))).toBe(false);
    hub.faults.clear();
    hub.log.length = 0;
    const tok = await fromPretrained(REPO, opts(cache));
    expect(tok.eosToken).toBe('<|endoftext|>');
    // tokenizer.json came from the cache: only the missing files were requested.
    expect(hub.log.filter((r) => r.path.includes('/resolve/')).map((r) => r.path.split('/').pop())).toEqual(['tokenizer_config.json', 'special_tokens_map.json', 'chat_template.jinja']);
    expectSoundCache(cache);
  });

  for (const file of ['tokenizer.json', 'tokenizer_config.json']) {
    it(`a connection dropped mid-body (${file}, ${file === 'tokenizer.json' ? 'CDN' : 'hub'}) → HubNetworkError, no partial blob`, async () => {
      const cache = tempDir('drop');
      hub.faults.set(file, { drop: 'body' });
      const err = await fromPretrained(REPO, opts(cache)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(HubNetworkError);
      expect((err as HubNetworkError).file).toBe(file);
      const tree = expectSoundCache(cache);
      expect(tree.some((e) => e.endsWith(`/${file}`))).toBe(false);
      hub.faults.clear();
      await fromPretrained(REPO, opts(cache));
      expectSoundCache(cache);
    });
  }

  it('a connection dropped before the headers and a refused connection → HubNetworkError', async () => {
    const cache = tempDir('drophead');
    hub.faults.set('tokenizer.json', { drop: 'headers' });
    await expect(fromPretrained(REPO, opts(cache))).rejects.toBeInstanceOf(HubNetworkError);
    // Port 9 on loopback: nothing listens there.
    await expect(fromPretrained(REPO, opts(cache, { endpoint: 'http://127.0.0.1:9' }))).rejects.toBeInstanceOf(HubNetworkError);
    expect(listTree(cache).filter((e) => !e.startsWith('d '))).toEqual([]);
  });

  it('a server that sends no X-Repo-Commit → HubProtocolError (the file cache cannot file it), nothing cached', async () => {
    const cache = tempDir('plain');
    hub.faults.set('tokenizer.json', { plain: true });
    const err = await fromPretrained(REPO, opts(cache)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HubProtocolError);
    expect((err as Error).message).toMatch(/X-Repo-Commit/);
    expect(listTree(cache).filter((e) => !e.startsWith('d '))).toEqual([]);
    // A memory store does not need the commit: it files the download under the revision.
    const tok = await fromPretrainedNeutral(REPO, { store: new MemoryStore(), endpoint: hub.endpoint, env: {} });
    expect(tok.eosToken).toBe('<|endoftext|>');
  });

  it('a hub that never answers → HubNetworkError after timeoutMs', async () => {
    hub.faults.set('tokenizer.json', { hang: true });
    const t0 = performance.now();
    const err = await fromPretrained(REPO, opts(tempDir('hang'), { timeoutMs: 300 })).catch((e: unknown) => e);
    const elapsed = performance.now() - t0;
    expect(err).toBeInstanceOf(HubNetworkError);
    expect((err as Error).message).toMatch(/timed out/);
    // It was our 300 ms that fired (issue 14, bug 10: no bound that load can reach): a timer
    // never fires early, and the default timeout (60 s) is far above the upper bound.
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(30_000);
  });

  it('sends the token to the hub but not to the CDN, from HF_TOKEN or the option', async () => {
    const cache = tempDir('token');
    const missing = await fromPretrained('secret/repo', opts(cache)).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(HubNotFoundError);
    expect((missing as HubNotFoundError).code).toBe('RepoNotFound');
    expect(await fromPretrained('secret/repo', opts(cache, { env: { HF_TOKEN: ' hf_good\n' } })).then((t) => t.eosToken)).toBe('<|endoftext|>');
    const hubAuth = hub.log.filter((r) => r.server === 'hub' && r.authorization !== undefined).map((r) => r.authorization);
    expect(new Set(hubAuth)).toEqual(new Set(['Bearer hf_good']));
    const cdn = hub.log.filter((r) => r.server === 'cdn');
    expect(cdn.length).toBe(1);
    expect(cdn[0]!.authorization).toBeUndefined();
    await expect(fromPretrained('secret/repo', opts(tempDir('token2'), { token: 'hf_good' }))).resolves.toBeDefined();
    await expect(fromPretrained('secret/repo', opts(tempDir('token3'), { token: false, env: { HF_TOKEN: 'hf_good' } }))).rejects.toBeInstanceOf(HubNotFoundError);
  });

  it('revision as a commit hash: resolves at that commit and writes no ref', async () => {
    const cache = tempDir('commit');
    await fromPretrained(REPO, opts(cache, { revision: COMMIT }));
    expect(hub.log.filter((r) => r.path.includes('/resolve/')).every((r) => r.path.includes(`/resolve/${COMMIT}/`))).toBe(true);
    expect(existsSync(join(cache, FOLDER, 'refs'))).toBe(false);
    hub.log.length = 0;
    await fromPretrained(REPO, opts(cache, { revision: COMMIT, fetch: noFetch }));
    const err = await fromPretrained(REPO, opts(cache, { revision: 'v9', localFilesOnly: true })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HubOfflineError);
    await expect(fromPretrained(REPO, opts(cache, { revision: 'v9' }))).rejects.toSatisfy((e: unknown) => e instanceof HubNotFoundError && e.code === 'RevisionNotFound');
  });

  it('a file missing from the repo is remembered in .no_exist and not asked for again', async () => {
    const noMap = new Map(src);
    noMap.delete('special_tokens_map.json');
    const local = await startFakeHub(new Map([[REPO, polyglotRepo(noMap)]]));
    try {
      const cache = tempDir('noexist');
      const tok = await fromPretrained(REPO, { cacheDir: cache, endpoint: local.endpoint, env: {} });
      // eos comes from tokenizer_config.json alone now.
      expect(tok.eosToken).toBe('<|endoftext|>');
      expect(existsSync(join(cache, FOLDER, '.no_exist', COMMIT, 'special_tokens_map.json'))).toBe(true);
      await fromPretrained(REPO, { cacheDir: cache, endpoint: local.endpoint, env: {}, fetch: noFetch });
    } finally {
      await local.close();
    }
  });

  it('a repo with chat_template.jinja: downloaded and cached, and it wins over tokenizer_config.json\'s chat_template', async () => {
    const withTemplate = new Map(src);
    const cfg = JSON.parse(src.get('tokenizer_config.json')!.toString('utf8')) as Record<string, unknown>;
    cfg.chat_template = 'CONFIG {{ messages[0].content }}';
    withTemplate.set('tokenizer_config.json', Buffer.from(JSON.stringify(cfg)));
    const jinja = '{% for m in messages %}<|{{ m.role }}|>{{ m.content }}\n{% endfor %}{% if add_generation_prompt %}<|assistant|>{% endif %}';
    withTemplate.set('chat_template.jinja', Buffer.from(jinja));
    const local = await startFakeHub(new Map([[REPO, polyglotRepo(withTemplate)]]));
    try {
      const cache = tempDir('jinja');
      const messages = [{ role: 'user', content: '안녕하세요' }];
      const tok = await fromPretrained(REPO, { cacheDir: cache, endpoint: local.endpoint, env: {} });
      expect(tok.applyChatTemplate(messages, { tokenize: false, addGenerationPrompt: true })).toBe('<|user|>안녕하세요\n<|assistant|>');
      expect(readFileSync(join(cache, FOLDER, 'snapshots', COMMIT, 'chat_template.jinja'), 'utf8')).toBe(jinja);
      // Offline from the cache: the same template.
      const again = await fromPretrained(REPO, { cacheDir: cache, endpoint: local.endpoint, env: {}, fetch: noFetch });
      expect(again.applyChatTemplate(messages, { tokenize: false })).toBe('<|user|>안녕하세요\n');
    } finally {
      await local.close();
    }
  });

  it('finds a cache built in Python\'s layout via cacheDir, HF_HUB_CACHE, HF_HOME and XDG_CACHE_HOME', async () => {
    for (const where of ['cacheDir', 'HF_HUB_CACHE', 'HF_HOME', 'XDG_CACHE_HOME'] as const) {
      const root = tempDir('pylayout');
      const hubDir = where === 'HF_HOME' ? join(root, 'hub') : where === 'XDG_CACHE_HOME' ? join(root, 'huggingface', 'hub') : root;
      const repo = join(hubDir, FOLDER);
      mkdirSync(join(repo, 'blobs'), { recursive: true });
      mkdirSync(join(repo, 'snapshots', COMMIT), { recursive: true });
      mkdirSync(join(repo, 'refs'), { recursive: true });
      mkdirSync(join(repo, '.no_exist', COMMIT), { recursive: true });
      const tj = src.get('tokenizer.json')!;
      writeFileSync(join(repo, 'blobs', sha256(tj)), tj);
      symlinkSync(`../../blobs/${sha256(tj)}`, join(repo, 'snapshots', COMMIT, 'tokenizer.json'));
      // A copied (not linked) file, as Python writes where symlinks are unavailable.
      writeFileSync(join(repo, 'snapshots', COMMIT, 'tokenizer_config.json'), src.get('tokenizer_config.json')!);
      writeFileSync(join(repo, '.no_exist', COMMIT, 'special_tokens_map.json'), '');
      // transformers asks for chat_template.jinja too, so its cache remembers that it is absent.
      writeFileSync(join(repo, '.no_exist', COMMIT, 'chat_template.jinja'), '');
      writeFileSync(join(repo, 'refs', 'main'), COMMIT);
      const o = where === 'cacheDir' ? { cacheDir: root, env: {} } : { env: { [where]: root } };
      const tok = await fromPretrained(REPO, { ...o, fetch: noFetch });
      expect(tok.source?.commit).toBe(COMMIT);
      expect(tok.eosToken).toBe('<|endoftext|>');
      expect(tok.padToken).toBe('<|endoftext|>');
    }
  });

  it('a ref that does not hold a commit hash counts as not cached and is rewritten by the next download', async () => {
    const cache = tempDir('badref');
    await fromPretrained(REPO, opts(cache));
    writeFileSync(join(cache, FOLDER, 'refs', 'main'), '../../../../etc');
    await expect(fromPretrained(REPO, opts(cache, { localFilesOnly: true }))).rejects.toBeInstanceOf(HubOfflineError);
    await fromPretrained(REPO, opts(cache));
    expect(readFileSync(join(cache, FOLDER, 'refs', 'main'), 'utf8')).toBe(COMMIT);
    expectSoundCache(cache);
  });

  it('the platform-neutral entry loads through a memory store, then serves it offline', async () => {
    const store = new MemoryStore();
    const tok = await fromPretrainedNeutral(REPO, { store, endpoint: hub.endpoint, env: {} });
    expect(tok.eosTokenId).toBe(tok.tokenToId('<|endoftext|>'));
    const again = await fromPretrainedNeutral(REPO, { store, env: { HF_HUB_OFFLINE: '1' }, fetch: noFetch });
    expect(again.source?.commit).toBe(COMMIT);
  });

  it('a runtime that follows redirects itself (browsers) still fills a store that serves the next load offline', async () => {
    // What a browser's fetch gives: redirects followed, only the final (CDN) response's headers.
    const browserLike = (url: string, init?: RequestInit) => fetch(url, { ...init, redirect: 'follow' });
    const store = new MemoryStore();
    const first = await fromPretrainedNeutral(REPO, { store, endpoint: hub.endpoint, env: {}, fetch: browserLike });
    const again = await fromPretrainedNeutral(REPO, { store, localFilesOnly: true, fetch: noFetch });
    expect(again.eosToken).toBe('<|endoftext|>');
    expect(again.source?.commit).toBe(first.source?.commit ?? null);
  });

  it('a Cache API store (browsers) fills on the first load and serves offline after', async () => {
    const storage = fakeCacheStorage();
    const store = new CacheApiStore(storage);
    hub.faults.set('special_tokens_map.json', { drop: 'body' });
    await expect(fromPretrainedNeutral(REPO, { store, endpoint: hub.endpoint, env: {} })).rejects.toBeInstanceOf(HubNetworkError);
    expect([...storage.entries.keys()].some((k) => k.includes('special_tokens_map'))).toBe(false);
    hub.faults.clear();
    await fromPretrainedNeutral(REPO, { store, endpoint: hub.endpoint, env: {} });
    const tok = await fromPretrainedNeutral(REPO, { store: new CacheApiStore(storage), localFilesOnly: true, fetch: noFetch });
    expect(tok.eosToken).toBe('<|endoftext|>');
    expect(tok.source?.commit).toBe(COMMIT);
  });

  it('resolveTokenizerArg takes a tokenizer.json path, a folder, or a repo id', async () => {
    const dir = tempDir('arg');
    for (const [name, bytes] of src) writeFileSync(join(dir, name), bytes);
    const fromFile = await resolveTokenizerArg(join(dir, 'tokenizer.json'));
    expect(fromFile.eosToken).toBeNull();
    const fromDir = await resolveTokenizerArg(dir);
    expect(fromDir.eosToken).toBe('<|endoftext|>');
    const cache = tempDir('argcache');
    const fromHub = await resolveTokenizerArg(REPO, opts(cache));
    expect(fromHub.source?.repoId).toBe(REPO);
    expect(fromHub.encode('테스트').ids).toEqual(fromDir.encode('테스트').ids);
  });

  it('rejects repo ids and revisions that could escape the cache folder', async () => {
    for (const bad of ['../etc', 'a/b/c', 'a--b/c', 'org/na..me', '', '-x/y']) {
      await expect(fromPretrained(bad, opts(tempDir('bad'), { fetch: noFetch }))).rejects.toBeInstanceOf(HubArgumentError);
    }
    await expect(fromPretrained(REPO, opts(tempDir('bad'), { revision: '../../x', fetch: noFetch }))).rejects.toBeInstanceOf(HubArgumentError);
  });
});
