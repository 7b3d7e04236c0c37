// The three line-ending rules of the CLI (README "Line endings"; issue 14, bug 5), each checked
// against its reference:
//  1. encode / decode / count: a line ends at "\n" and one "\r" right before it is not part of the
//     line — CRLF input gives the reference's encoding of each line without its "\r".
//  2. segment: byte-identical to native mecab-ko (which sees "\r" as part of the text).
//  3. train and count --words: Hugging Face's endings (its trainer counts "\r\n"): same tokenizer.json.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/dispatch.js';
import { DEFAULT_TOKENIZER, packageRoot } from '../../src/cli/tokenizer-arg.js';
import { splitLines } from '../../src/text/lines.js';
import { memoryIO } from '../support/cli-io.js';
import { oracle } from '../morph/oracle.js';
import { hfTrain, HF_VERSION } from '../train/hf-reference.js';
import { hostileString, refFromJSON, REF_VERSION, runSeed } from '../runtime/support.js';

const dir = mkdtempSync(join(tmpdir(), 'mbbpe-eol-'));
const tokFile = join(packageRoot(), DEFAULT_TOKENIZER);
const ref = refFromJSON(readFileSync(tokFile, 'utf8'));

async function cli(argv: string[], stdin: string | Uint8Array = ''): Promise<{ code: number; out: string; outBytes: Buffer; err: string }> {
  const io = memoryIO(stdin);
  const code = await main(argv, io);
  await new Promise((r) => setImmediate(r));
  return { code, out: io.out(), outBytes: io.outBytes(), err: io.err() };
}

// stdin carries UTF-8, in which a lone surrogate is U+FFFD already.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const KO = ['아버지가 방에 들어가신다', '', '안녕하세요, 반갑습니다!', 'a\rb 가운데 CR은 줄의 일부', '마지막 줄'];

describe(`rule 1 — encode/decode/count: "\\r\\n" ends a line like "\\n" (vs tokenizers@${REF_VERSION})`, () => {
  it('encode -f tokens of CRLF text: no "č" (\\r) token, the same output as LF text and as the reference per line', async () => {
    const crlf = await cli(['encode', '-f', 'tokens'], KO.join('\r\n') + '\r\n');
    const lf = await cli(['encode', '-f', 'tokens'], KO.join('\n') + '\n');
    expect(crlf.code).toBe(0);
    expect(crlf.out).toBe(lf.out);
    const want = await Promise.all(KO.map(async (l) => (await ref.encode(l)).getTokens().join(' ')));
    expect(crlf.out).toBe(want.join('\n') + '\n');
    // The "\r" inside line 4 is text: it is encoded (Ċ is "\n", č is "\r" in ByteLevel).
    expect(crlf.out.split('\n')[3]).toContain('č');
    expect(crlf.out.split('\n').filter((_, i) => i !== 3).join('\n')).not.toContain('č');
  });

  it('generated lines joined by CRLF (fast-check): jsonl ids/tokens/offsets equal the reference per line', async () => {
    const line = hostileString(8).map((s) => s.replace(LONE_SURROGATE, '\ufffd').replace(/\n/g, ' '));
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 6 }), async (lines) => {
        if (lines[0]!.startsWith('\ufeff')) lines[0] = ' ' + lines[0]; // a leading BOM is dropped by design
        const r = await cli(['encode', '-f', 'jsonl', '--offsets', 'codepoint'], lines.map((l) => l + '\r\n').join(''));
        expect(r.code, r.err).toBe(0);
        const got = r.out.trimEnd().split('\n').map((l) => JSON.parse(l) as { ids: number[]; tokens: string[]; offsets: number[][] });
        expect(got).toHaveLength(lines.length);
        for (let i = 0; i < lines.length; i++) {
          const e = await ref.encode(lines[i]!);
          expect(got[i], JSON.stringify(lines[i])).toEqual({ ids: e.getIds(), tokens: e.getTokens(), offsets: e.getOffsets() });
        }
      }),
      { numRuns: 30, seed: runSeed('cli line endings') },
    );
  });

  it('count: CRLF lines count like LF lines (the "\\r" is no token)', async () => {
    const crlf = await cli(['count'], '안녕\r\n하세요\r\n');
    const want = await Promise.all(['안녕', '하세요'].map(async (l) => (await ref.encode(l)).getIds().length));
    expect(crlf.out).toBe(`${want[0]}\n${want[1]}\ntotal ${want[0]! + want[1]!}\n`);
  });

  it('decode: ids lines ending in CRLF, and a file with a final "\\r" and no "\\n"', async () => {
    const ids = (await ref.encode('안녕')).getIds();
    const want = await ref.decode(ids, false);
    const r = await cli(['decode'], `${ids.join(' ')}\r\n[${ids.join(',')}]\r\n`);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(`${want}\n${want}\n`);
    const f = join(dir, 'ids.txt');
    writeFileSync(f, `${ids.join(',')}\r`);
    expect((await cli(['decode', '-i', f])).out).toBe(`${want}\n`);
  });

  it('the line splitter: one "\\r" before "\\n" only; "\\r" alone, U+2028 and U+0085 end no line', async () => {
    const split = async (s: string) => {
      const out: string[] = [];
      for await (const l of splitLines([new TextEncoder().encode(s)])) out.push(l);
      return out;
    };
    expect(await split('a\r\nb\n')).toEqual(['a', 'b']);
    expect(await split('a\r\r\nb')).toEqual(['a\r', 'b']);
    expect(await split('a\rb\u2028c\u0085d\n')).toEqual(['a\rb\u2028c\u0085d']);
    expect(await split('a\n\r')).toEqual(['a']);
    expect(await split('\ufeffa\n\ufeffb\n')).toEqual(['a', '\ufeffb']);
    expect(await split('\n\r\n')).toEqual(['', '']);
  });
});

describe('rule 2 — segment: byte-identical to native mecab-ko on CRLF input', () => {
  const o = oracle('cli line endings: segment');
  it.runIf(o)('CRLF, a lone CR and a final CR give the oracle bytes', async () => {
    const input = Buffer.from(KO.join('\r\n') + '\r\n' + '끝\r' + '\n' + '파일 끝의 CR\r');
    const r = await cli(['segment'], input);
    expect(r.code, r.err).toBe(0);
    expect(r.outBytes.equals(o!.run(input))).toBe(true);
  });
});

describe(`rule 3 — train and count --words keep Hugging Face's line endings (vs tokenizers@${HF_VERSION})`, () => {
  const corpus = join(dir, 'crlf.txt');
  writeFileSync(corpus, Array.from({ length: 40 }, (_, i) => `${KO[i % KO.length]} ${i}`).join('\r\n') + '\r\n');
  it('train --preset hf-defaults --segment none on a CRLF file: the same tokenizer.json as HF', async () => {
    const out = join(dir, 'train.json');
    const r = await cli(['train', '-i', corpus, '-o', out, '--preset', 'hf-defaults', '--segment', 'none', '-q']);
    expect(r.code, r.err).toBe(0);
    const ours = JSON.parse(readFileSync(out, 'utf8')) as { model: { vocab: Record<string, number> } };
    expect(ours).toEqual(hfTrain([corpus]).json);
    expect(Object.keys(ours.model.vocab)).toContain('č'); // "\r" is in the alphabet: it was counted
  });
  it('count --words then train --from-counts: the same tokenizer.json as HF', async () => {
    const counts = join(dir, 'crlf.counts');
    expect((await cli(['count', '--words', '-i', corpus, '-o', counts, '--preset', 'hf-defaults', '--segment', 'none', '-q'])).code).toBe(0);
    const out = join(dir, 'from-counts.json');
    const r = await cli(['train', '--from-counts', counts, '-o', out, '--preset', 'hf-defaults', '-q']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(hfTrain([corpus]).json);
  });
});
