// `fromPretrained(folder)` on a local save_pretrained folder, PretrainedTokenizer as a wrapper of a
// Tokenizer (per-call truncation/padding, the inner tokenizer's settings untouched), and padding:
// the pretrained tokenizer pads with the config's pad token and padding side, as transformers does
// (it hands pad_token / pad_token_id / padding_side to the fast tokenizer's enable_padding, so the
// reference here is `tokenizers` with those settings), while a plain Tokenizer keeps the
// reference's own defaults (id 0, "[PAD]", right).

import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromPretrained } from '../../src/hub/node.js';
import { PretrainedTokenizer } from '../../src/hub/pretrained.js';
import { Tokenizer } from '../../src/tokenizer.js';
import { TokenizerFileError } from '../../src/config/errors.js';
import type { Encoding } from '../../src/tokenizer/encoding.js';
import { refFromJSON } from '../runtime/support.js';
import { sharedFile } from '../support/shared.js';

interface RefEnc {
  getIds(): number[];
  getTokens(): string[];
  getTypeIds(): number[];
  getAttentionMask(): number[];
  getSpecialTokensMask(): number[];
}
interface RefTok {
  setPadding(o: object): void;
  setTruncation(n: number, o?: object): void;
  encodeBatch(t: string[], o?: object): Promise<RefEnc[]>;
}
const flatRef = (e: RefEnc) => [e.getIds(), e.getTokens(), e.getTypeIds(), e.getAttentionMask(), e.getSpecialTokensMask()];
const flatOurs = (e: Encoding) => [e.ids, e.tokens, e.typeIds, e.attentionMask, e.specialTokensMask];

const tj = sharedFile('vocab/polyglot-ko/tokenizer.json', 'hub pretrained folder');
const TEXTS = ['안녕하세요', '오늘 날씨가 정말 좋네요. 산책하러 갈까요?', 'hello world', ''];

describe.runIf(tj)('fromPretrained(folder) and padding from tokenizer_config.json', () => {
  const folder = dirname(tj!);
  const tmp = mkdtempSync(join(tmpdir(), 'mbbpe-folder-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('loads a local folder: tokenizer.json with its tokenizer_config.json', async () => {
    const tok = await fromPretrained(folder);
    expect(tok).toBeInstanceOf(PretrainedTokenizer);
    expect(tok.tokenizer).toBeInstanceOf(Tokenizer);
    expect(tok.eosToken).toBe('<|endoftext|>');
    expect(tok.padToken).toBe('<|endoftext|>');
    expect(tok.padTokenId).toBe(tok.tokenizer.tokenToId('<|endoftext|>'));
    expect(tok.encode('안녕하세요').ids).toEqual(Tokenizer.fromJSON(readFileSync(tj!, 'utf8')).encode('안녕하세요').ids);
  });

  it('a folder without tokenizer.json is a TokenizerFileError naming the file', async () => {
    await expect(fromPretrained(tmp)).rejects.toSatisfy((e: unknown) => e instanceof TokenizerFileError && e.file === join(tmp, 'tokenizer.json'));
  });

  it("setPadding({}) on the pretrained tokenizer pads with the config's pad token and side; a plain Tokenizer keeps the reference defaults", async () => {
    const json = readFileSync(tj!, 'utf8');
    const ref = refFromJSON(json) as unknown as RefTok;
    // Plain Tokenizer: parity with the reference's setPadding({}).
    const plain = Tokenizer.fromJSON(json);
    plain.setPadding({});
    ref.setPadding({});
    expect((await ref.encodeBatch(TEXTS)).map(flatRef)).toEqual(plain.encodeBatch(TEXTS).map(flatOurs));
    expect(plain.encodeBatch(TEXTS)[0]!.tokens).toContain('[PAD]');

    // Pretrained, padding_side absent (right) and left.
    const pre = await fromPretrained(folder);
    const padId = pre.padTokenId!;
    pre.setPadding({});
    ref.setPadding({ padId, padToken: '<|endoftext|>', direction: 'right' });
    expect((await ref.encodeBatch(TEXTS)).map(flatRef)).toEqual(pre.encodeBatch(TEXTS).map(flatOurs));

    copyFileSync(tj!, join(tmp, 'tokenizer.json'));
    writeFileSync(join(tmp, 'tokenizer_config.json'), JSON.stringify({ pad_token: '<|sep|>', eos_token: '<|endoftext|>', padding_side: 'left' }));
    const left = await fromPretrained(tmp);
    expect(left.paddingSide).toBe('left');
    left.setPadding({ padToMultipleOf: 8 });
    ref.setPadding({ padId: left.padTokenId!, padToken: '<|sep|>', direction: 'left', padToMultipleOf: 8 });
    expect((await ref.encodeBatch(TEXTS)).map(flatRef)).toEqual(left.encodeBatch(TEXTS).map(flatOurs));
    // Per call, the same defaults; explicit settings win.
    left.setPadding(null);
    expect(left.encode('안녕', { padding: { length: 6 } }).ids.slice(0, 4)).toEqual(new Array(4).fill(left.padTokenId));
    expect(left.encode('안녕', { padding: { length: 6, padId: 0, padToken: '[PAD]', direction: 'right' } }).ids.slice(-4)).toEqual([0, 0, 0, 0]);
    rmSync(join(tmp, 'tokenizer.json'));
    rmSync(join(tmp, 'tokenizer_config.json'));
  });

  it('truncation and padding per call leave the wrapped tokenizer untouched and equal setTruncation/setPadding', async () => {
    const pre = await fromPretrained(folder);
    const text = TEXTS[1]!;
    const perCall = pre.encode(text, { truncation: { maxLength: 5, stride: 1, direction: 'left' }, padding: { length: 7 } });
    expect(pre.tokenizer.truncation).toBeNull();
    expect(pre.tokenizer.padding).toBeNull();
    const set = Tokenizer.fromJSON(readFileSync(tj!, 'utf8'));
    set.setTruncation({ maxLength: 5, stride: 1, direction: 'left' });
    set.setPadding({ length: 7, padId: pre.padTokenId!, padToken: '<|endoftext|>' });
    expect(perCall).toEqual(set.encode(text));
    // transformers' truncation=True / max_length through the wrapper; null switches truncation off.
    pre.setTruncation({ maxLength: 3 });
    expect(pre.encode(text, { truncation: null }).ids.length).toBeGreaterThan(3);
    expect(pre.encode(text, { maxLength: 4 }).ids.length).toBe(4);
    expect(pre.encode(text).ids.length).toBe(3);
    expect(pre.tokenizer.encode(text, { truncation: false }).ids).toEqual(pre.encode(text, { truncation: false }).ids);
  });
});
