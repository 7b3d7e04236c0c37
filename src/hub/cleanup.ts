// transformers' `clean_up_tokenization`: removes the space a WordPiece-era detokenizer left before
// English punctuation and contractions. Ten literal replace-alls in a fixed order — the order
// matters (" ' " is handled before " 's"), so this must stay a chain, not one regex. Nothing else:
// no Unicode punctuation, no other languages.

// PARITY: transformers tokenization_utils_base.clean_up_tokenization (same list in 4.x and 5.x).
const REPLACEMENTS: ReadonlyArray<readonly [string, string]> = [
  [' .', '.'],
  [' ?', '?'],
  [' !', '!'],
  [' ,', ','],
  [" ' ", "'"],
  [" n't", "n't"],
  [" 'm", "'m"],
  [" 's", "'s"],
  [" 've", "'ve"],
  [" 're", "'re"],
];

/** Python's `str.replace` chain; split/join replaces non-overlapping matches left to right, as Python does. */
export function cleanUpTokenization(text: string): string {
  let out = text;
  for (const [from, to] of REPLACEMENTS) {
    if (out.includes(from)) out = out.split(from).join(to);
  }
  return out;
}
