// Offset unit conversion for one input: UTF-16 code units ↔ code points ↔ UTF-8 bytes. Tables are
// built lazily and only when the text needs them (astral chars, non-ASCII).

import { utf16ToByteTable, utf16ToCodePointTable } from './offsets.js';

export interface OffsetConverter {
  /** True when code points and UTF-16 code units coincide (no astral chars). */
  identity: boolean;
  toCodePoint(u16: number): number;
  codePointToUtf16(cp: number): number;
  codePointToByte(cp: number): number;
}

const identity = (x: number): number => x;

export function convertOffsets(s: string): OffsetConverter {
  const cpTable = utf16ToCodePointTable(s);
  let cpToU16: Int32Array | null = null;
  let cpToByte: Int32Array | null | undefined;
  const cpToUnits = (): Int32Array => {
    if (!cpToU16) {
      const t = cpTable!;
      cpToU16 = new Int32Array(t[s.length]! + 1);
      for (let i = s.length; i >= 0; i--) cpToU16[t[i]!] = i;
    }
    return cpToU16;
  };
  return {
    identity: cpTable === null,
    toCodePoint: cpTable ? (u) => cpTable[u]! : identity,
    codePointToUtf16: cpTable ? (c) => cpToUnits()[c]! : identity,
    codePointToByte: (c) => {
      if (cpToByte === undefined) {
        const bt = utf16ToByteTable(s);
        if (!bt) cpToByte = null;
        else if (!cpTable) cpToByte = bt;
        else {
          const u = cpToUnits();
          cpToByte = Int32Array.from(u, (x) => bt[x]!);
        }
      }
      return cpToByte ? cpToByte[c]! : c;
    },
  };
}
