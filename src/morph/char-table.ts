// Reads MeCab's `char.bin` (character categories for U+0000..U+FFFE) and decodes characters the way
// MeCab 0.996 does (UTF-8 → UCS-2 with its quirks). It does not know about Hangul or any script:
// everything comes from the table. Bit layout and quirks: ../shared/docs/MECAB-FORMAT.md §4.

import { DictionaryFormatError } from './errors.js';
import { cString, u32le, view } from './bytes.js';

/** CharInfo bit fields (GCC little-endian bit-field order, from bit 0 up). */
export const charType = (info: number): number => info & 0x3ffff;
export const charDefaultType = (info: number): number => (info >>> 18) & 0xff;
export const charLength = (info: number): number => (info >>> 26) & 0xf;
export const charGroup = (info: number): boolean => ((info >>> 30) & 1) === 1;
export const charInvoke = (info: number): boolean => info >>> 31 === 1;

export class CharTable {
  /** Category names in definition order (index = category id). */
  readonly names: string[];
  /** 65536 entries: the file's 65535 plus U+FFFF = 0 (PARITY: native reads zero padding there). */
  readonly infos: Uint32Array;

  constructor(bytes: Uint8Array, file = 'char.bin') {
    if (bytes.length < 4) throw new DictionaryFormatError(file, `file is ${bytes.length} bytes, too short for a header`);
    const ncat = u32le(bytes, 0);
    const expected = 4 + 32 * ncat + 4 * 65535;
    if (ncat === 0 || ncat > 18 || bytes.length !== expected) {
      throw new DictionaryFormatError(
        file,
        `size ${bytes.length} does not match ${ncat} categories (expected 4 + 32·ncat + 4·65535 = ${expected}, at most 18 categories)`,
      );
    }
    this.names = [];
    for (let i = 0; i < ncat; i++) this.names.push(cString(bytes, 4 + 32 * i, 32));
    this.infos = new Uint32Array(65536);
    this.infos.set(view(bytes, 4 + 32 * ncat, 65535, Uint32Array));
    for (let cp = 0; cp < 65535; cp++) {
      const dt = charDefaultType(this.infos[cp]!);
      if (dt >= ncat) {
        throw new DictionaryFormatError(file, `U+${cp.toString(16).toUpperCase()} has category ${dt} but only ${ncat} exist`, 4 + 32 * ncat + 4 * cp);
      }
    }
  }
}
