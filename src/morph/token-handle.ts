// Token handles: one int32 naming a token of one lexicon of a MorphDictionary, so the lattice and
// the best path carry a single number per node. Handle = lexicon number × 2^23 + token index
// (MeCab's trie values already limit a lexicon to 2^23 tokens). Lexicon numbers index
// `MorphDictionary.lexicons` (0 = sys.dic, then user dictionaries in load order);
// UNKNOWN_LEXICON names the unk.dic templates. Handles are never negative.

export const TOKEN_BITS = 23;
const TOKEN_MASK = (1 << TOKEN_BITS) - 1;
const SCALE = 1 << TOKEN_BITS;

/** The lexicon number of unknown-word templates (unk.dic). */
export const UNKNOWN_LEXICON = 255;
/** Searched lexicons a dictionary can hold (system + user): numbers 0 .. MAX_LEXICONS - 1. */
export const MAX_LEXICONS = 255;

export function tokenHandle(lexicon: number, token: number): number {
  return lexicon * SCALE + token;
}

export function handleLexicon(handle: number): number {
  return handle >>> TOKEN_BITS;
}

export function handleToken(handle: number): number {
  return handle & TOKEN_MASK;
}

export function isUnknownHandle(handle: number): boolean {
  return handle >>> TOKEN_BITS === UNKNOWN_LEXICON;
}
