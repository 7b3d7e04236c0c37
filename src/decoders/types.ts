// The decoder stage: token strings in, text pieces out (`decodeChain`); the pieces are joined.

export interface Decoder {
  decodeChain(tokens: string[]): string[];
}
