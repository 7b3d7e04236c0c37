// Differential tests against Python's huggingface_hub (and transformers when present), run where
// MBBPE_HUB_PYTHON (or python3) has them; loud SKIP otherwise. Python downloads from the same local
// fake hub: both caches must hold the same entries, each side must read the other's cache offline,
// and transformers must see the same special tokens in a cache we wrote.

import { readlinkSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromPretrained } from '../../src/hub/node.js';
import { defaultHubCacheDir } from '../../src/hub/fs-store.js';
import { normalizeEtag, offlineFromEnv, resolveEndpoint, resolveToken, resolveUrl } from '../../src/hub/layout.js';
import { startFakeHub, type FakeHub } from './hub-server.js';
import { FILES, REPO, listTree, polyglotFiles, polyglotRepo, removeTempDirs, tempDir } from './fixture.js';
import { pythonRef, type PythonRef } from './python-ref.js';

const files = polyglotFiles('hub python parity');
const py = files ? await pythonRef('hub python parity') : null;
const suite = files && py ? describe : describe.skip;

const noFetch = async (): Promise<Response> => {
  throw new Error('network touched');
};

/** The cache entries both sides write; Python adds lock files and a CACHEDIR.TAG that carry no data. */
function entries(cacheDir: string): string[] {
  return listTree(cacheDir).filter((e) => !e.includes('.locks') && !e.endsWith('CACHEDIR.TAG'));
}

suite('cache parity with huggingface_hub', () => {
  let hub: FakeHub;
  const ref = py as PythonRef;
  const src = files!;
  const pyEnv = (): Record<string, string> => ({ HF_HOME: tempDir('pyhome') });

  beforeAll(async () => {
    const noMap = new Map(src);
    noMap.delete('special_tokens_map.json');
    hub = await startFakeHub(new Map([[REPO, polyglotRepo(src)], ['other/no-map', polyglotRepo(noMap)]]));
  });
  afterAll(async () => {
    await hub.close();
    removeTempDirs();
  });

  for (const repo of [REPO, 'other/no-map']) {
    it(`Python and mbbpe write the same cache entries for ${repo}, and each reads the other's offline`, async () => {
      const pyCache = tempDir('py');
      const ours = tempDir('ours');
      const wanted = repo === REPO ? [...FILES] : ['tokenizer.json', 'tokenizer_config.json'];
      await ref.run('download', { repo, files: wanted, cache_dir: pyCache, endpoint: hub.endpoint }, pyEnv());
      const tok = await fromPretrained(repo, { cacheDir: ours, endpoint: hub.endpoint, env: {} });
      // Python only learns a file is missing when asked for it; ask (as transformers asks for
      // chat_template.jinja), then compare.
      const absent = repo === REPO ? ['chat_template.jinja'] : ['special_tokens_map.json', 'chat_template.jinja'];
      for (const f of absent) {
        await expect(ref.run('download', { repo, files: [f], cache_dir: pyCache, endpoint: hub.endpoint }, pyEnv())).rejects.toThrow(/EntryNotFound|404/);
      }
      expect(entries(ours)).toEqual(entries(pyCache));
      for (const e of entries(ours).filter((x) => x.startsWith('l '))) {
        expect(readlinkSync(join(ours, e.slice(2)))).toBe(readlinkSync(join(pyCache, e.slice(2))));
        expect(lstatSync(join(ours, e.slice(2))).isSymbolicLink()).toBe(true);
      }
      // Python reads ours offline …
      const seen = await ref.run<Record<string, string | null>>('read_cache', { repo, files: [...FILES], cache_dir: ours }, pyEnv());
      for (const f of FILES) {
        if (repo !== REPO && f === 'special_tokens_map.json') expect(seen[f]).toBe('<NO_EXIST>');
        else expect(seen[f]).toBe(src.get(f)!.toString('utf8'));
      }
      // … and we read Python's without a request.
      const back = await fromPretrained(repo, { cacheDir: pyCache, env: {}, fetch: noFetch });
      expect(back.source).toEqual(tok.source);
      expect(back.eosToken).toBe(tok.eosToken);
    });
  }

  it('environment rules: cache folder, offline flag, endpoint and token read as huggingface_hub reads them', async () => {
    const envs: Array<Record<string, string>> = [
      {},
      { HF_HOME: '/tmp/x/hf' },
      { HF_HOME: '/tmp/x/hf', HF_HUB_CACHE: '/tmp/y' },
      { HUGGINGFACE_HUB_CACHE: '/tmp/legacy' },
      { HF_HUB_CACHE: '/tmp/y', HUGGINGFACE_HUB_CACHE: '/tmp/legacy' },
      { XDG_CACHE_HOME: '/tmp/xdg' },
      { XDG_CACHE_HOME: '/tmp/xdg', HF_HOME: '~/hfhome' },
      { HF_HUB_OFFLINE: '1', HF_TOKEN: ' hf_a\n' },
      { HF_HUB_OFFLINE: 'True', HUGGING_FACE_HUB_TOKEN: 'hf_b' },
      { HF_HUB_OFFLINE: 'on', HF_TOKEN: 'hf_a', HUGGING_FACE_HUB_TOKEN: 'hf_b' },
      { HF_HUB_OFFLINE: '0', TRANSFORMERS_OFFLINE: '1' },
      { HF_HUB_OFFLINE: '', TRANSFORMERS_OFFLINE: 'YES' },
      { HF_HUB_OFFLINE: 'no', HF_ENDPOINT: 'http://127.0.0.1:1/' },
      { TRANSFORMERS_OFFLINE: 'false', HF_TOKEN: '   ' },
    ];
    for (const env of envs) {
      const full = { HOME: process.env['HOME'] ?? '', ...env };
      const want = await ref.run<{ cache: string; offline: boolean; endpoint: string; token: string | null }>('constants', {}, env);
      expect({ cache: defaultHubCacheDir(full), offline: offlineFromEnv(full), endpoint: resolveEndpoint(undefined, full), token: resolveToken(undefined, full) }, JSON.stringify(env)).toEqual(want);
    }
  });

  it('resolve URLs and ETag normalisation match hf_hub_url and _normalize_etag', async () => {
    const cases: Array<[string, string, string]> = [
      [REPO, 'tokenizer.json', 'main'],
      ['gpt2', 'tokenizer_config.json', 'v1.0'],
      [REPO, 'sub dir/tokenizer.json', 'refs/pr/1'],
      [REPO, 'tokenizer.json', "a b!'()*~_.-é"],
    ];
    const want = await ref.run<string[]>('urls', { endpoint: 'http://127.0.0.1:1', cases });
    expect(cases.map(([r, f, rev]) => resolveUrl('http://127.0.0.1:1', r, rev, f))).toEqual(want);
    const etags = ['"abc"', 'W/"abc"', 'abc', '"W/x"', 'WW//"q"', '""', '"a"b"'];
    expect(etags.map(normalizeEtag)).toEqual(await ref.run<string[]>('etags', { etags }));
  });

  it('transformers AutoTokenizer sees the same special tokens in a cache mbbpe wrote', async (ctx) => {
    if (ref.versions.transformers === null) {
      process.stderr.write('\n*** SKIP (hub python parity): transformers is absent — AutoTokenizer comparison did not run ***\n\n');
      ctx.skip();
    }
    const ours = tempDir('tf');
    const tok = await fromPretrained(REPO, { cacheDir: ours, endpoint: hub.endpoint, env: {} });
    const t = await ref.run<Record<string, unknown>>('tokenizer', { repo: REPO, cache_dir: ours }, { ...pyEnv(), HF_HUB_OFFLINE: '1' });
    expect({
      bos_token: tok.bosToken,
      eos_token: tok.eosToken,
      unk_token: tok.unkToken,
      pad_token: tok.padToken,
      eos_token_id: tok.eosTokenId,
      pad_token_id: tok.padTokenId,
      model_max_length: tok.modelMaxLength,
      clean_up_tokenization_spaces: tok.cleanUpTokenizationSpaces,
    }).toEqual({ ...t, class: undefined });
  });
});
