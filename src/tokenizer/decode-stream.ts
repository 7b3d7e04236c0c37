// Streaming decode for LLM output: ids arrive one by one, text comes out only once it is complete
// (the reference's `step_decode_stream`: hold back while the text ends in U+FFFD, then emit what
// extends the previous prefix). `flush()` emits whatever is left at the end.

import { DecodeStreamError } from '../config/errors.js';

const enc = new TextEncoder();
const byteLen = (s: string): number => enc.encode(s).length;

export class DecodeStream {
  private ids: number[] = [];
  private prefix = '';
  private prefixIndex = 0;

  constructor(private readonly decode: (ids: number[]) => string) {}

  /** Adds ids; returns the new text, or undefined when nothing complete is available yet. */
  push(idOrIds: number | readonly number[]): string | undefined {
    const ids = this.ids;
    if (this.prefix === '' && ids.length > 0) {
      const p = this.decode(ids);
      if (!p.endsWith('\uFFFD')) {
        this.prefix = p;
        this.prefixIndex = ids.length;
      }
    }
    if (typeof idOrIds === 'number') ids.push(idOrIds);
    else ids.push(...idOrIds);
    const s = this.decode(ids);
    if (byteLen(s) > byteLen(this.prefix) && !s.endsWith('\uFFFD')) {
      if (!s.startsWith(this.prefix)) {
        throw new DecodeStreamError(`decoded text ${JSON.stringify(s)} does not start with what was decoded before (${JSON.stringify(this.prefix)})`);
      }
      const text = s.slice(this.prefix.length);
      const newPrefixIndex = ids.length - this.prefixIndex;
      this.ids = ids.slice(this.prefixIndex);
      this.prefix = this.decode(this.ids);
      this.prefixIndex = newPrefixIndex;
      return text;
    }
    return undefined;
  }

  /** Ends the stream: the text not yet emitted (incomplete characters as U+FFFD), or ''. */
  flush(): string {
    const s = this.decode(this.ids);
    const rest = s.startsWith(this.prefix) ? s.slice(this.prefix.length) : s;
    this.ids = [];
    this.prefix = '';
    this.prefixIndex = 0;
    return rest;
  }
}
