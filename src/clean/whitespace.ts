// The `whitespace` step: runs of spaces and tabs (and other horizontal spaces such as U+00A0 and
// U+3000) become one space, lines are trimmed, line endings become `\n`, and runs of blank lines
// shrink to `maxBlankLines`. Line breaks and paragraph breaks are kept (Polyglot-Ko's own pipeline
// lost them). Not handled: zero-width characters (U+200B…), which are not whitespace here.

const CRLF = /\r\n?|[\u2028\u2029\u0085]/g;
const HSPACE = /[\t\v\f \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff]+/g;
const LINE_EDGES = /^ +| +$/gm;

// Anything the step could change: a line break or odd space, two spaces, a space at an edge.
const MAY_CHANGE = /[\n\r\t\v\f\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]| {2}|^ | $/;

export function normalizeWhitespace(text: string, maxBlankLines: number, lineBreaks: 'keep' | 'space'): string {
  if (!MAY_CHANGE.test(text)) return text; // most one-line documents
  let t = text.replace(CRLF, '\n');
  if (lineBreaks === 'space') t = t.replace(/\n/g, ' ');
  t = t.replace(HSPACE, ' ').replace(LINE_EDGES, '');
  if (lineBreaks === 'keep') {
    // n blank lines are n+1 line breaks in a row.
    const limit = maxBlankLines + 1;
    t = t.replace(/\n{2,}/g, (m) => (m.length > limit ? '\n'.repeat(limit) : m));
    t = t.replace(/^\n+|\n+$/g, '');
  }
  return t;
}
