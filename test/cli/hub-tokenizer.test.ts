// `--tokenizer REPO_ID` on the CLI: the repo is fetched from a local fake hub into the Hugging Face
// cache named by the environment, then used offline; ids are checked against the reference.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer as RefTokenizer } from 'tokenizers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOLDER, REPO, polyglotFiles, polyglotRepo, removeTempDirs, tempDir } from '../hub/fixture.js';
import { startFakeHub, type FakeHub } from '../hub/hub-server.js';
import { sharedFile } from '../support/shared.js';
import { NodeTokenizer } from '../../src/node.js';
import { runCli } from './runtime-cli-support.js';

const files = polyglotFiles('cli --tokenizer repo id');
const corpus = sharedFile('corpora/klue-dev/klue_dev_sentences.txt', 'cli --tokenizer repo id');

describe.skipIf(files === null || corpus === null)('mbbpe encode --tokenizer ORG/NAME', () => {
  let hub: FakeHub;
  const saved = { ...process.env };
  let cache = '';

  beforeAll(async () => {
    hub = await startFakeHub(new Map([[REPO, polyglotRepo(files!)]]));
    cache = tempDir('cli');
    for (const k of ['HF_HUB_OFFLINE', 'HF_TOKEN', 'HF_HOME']) delete process.env[k];
    process.env.HF_ENDPOINT = hub.endpoint;
    process.env.HF_HUB_CACHE = cache;
  });
  afterAll(async () => {
    process.env = saved;
    await hub?.close();
    removeTempDirs();
  });

  it('downloads into the cache, then works offline with the same ids as the reference', async () => {
    const lines = readFileSync(corpus!, 'utf8').split('\n').filter((l) => l !== '').slice(0, 200);
    const ref = RefTokenizer.fromString(files!.get('tokenizer.json')!.toString('utf8'));
    const want: string[] = [];
    for (const l of lines) want.push((await ref.encode(l)).getIds().join(' '));

    const first = await runCli(['encode', '--tokenizer', REPO, '--format', 'ids', '--input', '-'], lines.join('\n') + '\n');
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out.trimEnd().split('\n')).toEqual(want);
    expect(hub.log.length).toBeGreaterThan(0);
    expect(readFileSync(join(cache, FOLDER, 'refs', 'main'), 'utf8')).toMatch(/^[0-9a-f]{40}$/);

    const before = hub.log.length;
    process.env.HF_HUB_OFFLINE = '1';
    const second = await runCli(['encode', '--tokenizer', REPO, '--format', 'ids', '--input', '-'], lines.join('\n') + '\n');
    expect(second.code).toBe(0);
    expect(second.out).toBe(first.out);
    expect(hub.log.length).toBe(before);
  });

  it('NodeTokenizer.fromPretrained in the Node entry reads the same cache and applies the config', async () => {
    const tok = await NodeTokenizer.fromPretrained(REPO, { localFilesOnly: true });
    expect(tok.eosToken).toBe('<|endoftext|>');
    expect(tok.padToken).toBe('<|endoftext|>');
    const ref = RefTokenizer.fromString(files!.get('tokenizer.json')!.toString('utf8'));
    const text = '폴리글랏 토크나이저를 허브에서 불러옵니다.';
    expect(tok.encode(text).ids).toEqual((await ref.encode(text)).getIds());
  });

  it('an unknown repo offline with a cold cache fails with exit 1 and names the repo', async () => {
    process.env.HF_HUB_OFFLINE = '1';
    const r = await runCli(['encode', '--tokenizer', 'nobody/no-such-model', 'x']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/nobody\/no-such-model/);
  });

  it('a folder without tokenizer.json is a missing file, not a hub lookup', async () => {
    delete process.env.HF_HUB_OFFLINE;
    const before = hub.log.length;
    const r = await runCli(['encode', '--tokenizer', tempDir('empty'), 'x']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot read tokenizer file .*tokenizer\.json/);
    expect(hub.log.length).toBe(before);
  });

  it('a missing path is a missing file, not a hub lookup', async () => {
    delete process.env.HF_HUB_OFFLINE;
    const before = hub.log.length;
    const r = await runCli(['encode', '--tokenizer', './no/such/tokenizer.json', 'x']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot read tokenizer file/);
    expect(hub.log.length).toBe(before);
  });
});
