// Reads MeCab's `matrix.bin` connection-cost table. The index is `left.rcAttr + lsize * right.lcAttr`
// (the left node's right-context id varies fastest); the text `matrix.def` form is not supported.

import { DictionaryFormatError } from './errors.js';
import { u16le, view } from './bytes.js';

export class Matrix {
  readonly lsize: number;
  readonly rsize: number;
  readonly costs: Int16Array;

  constructor(bytes: Uint8Array, file = 'matrix.bin') {
    if (bytes.length < 4) throw new DictionaryFormatError(file, `file is ${bytes.length} bytes, too short for a header`);
    this.lsize = u16le(bytes, 0);
    this.rsize = u16le(bytes, 2);
    const expected = 4 + 2 * this.lsize * this.rsize;
    if (bytes.length !== expected) {
      throw new DictionaryFormatError(
        file,
        `size ${bytes.length} does not match the ${this.lsize} × ${this.rsize} header (expected ${expected})`,
      );
    }
    this.costs = view(bytes, 4, this.lsize * this.rsize, Int16Array);
  }
}
