// The work every platform does on the same input, written against the built package's public API
// only (the entry module is passed in, so this file imports nothing and runs unchanged in Node,
// Chromium, workerd, Bun and Deno). It returns plain JSON: Node's run of it is the expectation.
// Besides encode/decode it loads each tokenizer three ways (parsed text, UTF-8 bytes through the
// fast loader, a snapshot) and streams a decode, so typed-array and TextDecoder paths run too.

export interface JobInput {
  /** `allLoaders`: also load from UTF-8 bytes and from a snapshot and compare (costs two loads). */
  tokenizers: Array<{ name: string; json: string; allLoaders?: boolean }>;
  lines: string[];
}

export interface JobResult {
  name: string;
  /** Per line: ids, UTF-16 offsets flattened [s0, e0, s1, e1, …], decoded text, streamed text of
   *  the first STREAM_IDS ids. */
  ids: number[][];
  offsets: number[][];
  decoded: string[];
  streamed: string[];
  /** Lines where the bytes or snapshot loader disagreed with the text loader (should be none). */
  loaderMismatches: number[];
  vocabSize: number;
}

interface Enc {
  ids: ArrayLike<number>;
  offsets: ArrayLike<readonly [number, number]>;
}
interface Tok {
  encode(text: string): Enc;
  decode(ids: ArrayLike<number>): string;
  decodeStream(): { push(id: number): string | undefined; flush?(): string | undefined };
  toSnapshot(): Uint8Array;
  readonly vocabSize: number;
}
export interface Lib {
  Tokenizer: { fromJSON(src: string | Uint8Array): Tok };
}

const STREAM_IDS = 48;

const same = (a: ArrayLike<number>, b: ArrayLike<number>): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

export function job(lib: Lib, input: JobInput): JobResult[] {
  const out: JobResult[] = [];
  for (const t of input.tokenizers) {
    const tok = lib.Tokenizer.fromJSON(t.json);
    const others = t.allLoaders ? [lib.Tokenizer.fromJSON(new TextEncoder().encode(t.json)), lib.Tokenizer.fromJSON(tok.toSnapshot())] : [];
    const r: JobResult = { name: t.name, ids: [], offsets: [], decoded: [], streamed: [], loaderMismatches: [], vocabSize: tok.vocabSize };
    input.lines.forEach((line, i) => {
      const e = tok.encode(line);
      const ids = Array.from(e.ids);
      r.ids.push(ids);
      const offs: number[] = [];
      for (let k = 0; k < e.offsets.length; k++) offs.push(e.offsets[k]![0], e.offsets[k]![1]);
      r.offsets.push(offs);
      r.decoded.push(tok.decode(ids));
      const stream = tok.decodeStream();
      let s = '';
      // The stream re-decodes its window per id (quadratic): the first ids of each line are enough.
      for (const id of ids.slice(0, STREAM_IDS)) s += stream.push(id) ?? '';
      s += stream.flush?.() ?? '';
      r.streamed.push(s);
      if (others.some((o) => !same(o.encode(line).ids, ids))) r.loaderMismatches.push(i);
    });
    out.push(r);
  }
  return out;
}
