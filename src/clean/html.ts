// The `html` step: removes HTML tags, comments and script/style bodies, decodes character
// entities, and strips Markdown markup (headings, bold, links/images, fences, rules, table rules).
// Not handled: a full HTML parser (malformed tags such as `<a href="x` without `>` stay as text),
// and named entities beyond the common ones listed here (unknown names stay as written).

/** Block-level tags become a line break so paragraphs survive; cells become a space. */
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p',
  'pre', 'section', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'ul', 'caption',
]);
const CELL_TAGS = new Set(['td', 'th']);
// Inline and other elements that are removed without a trace. Only names of real HTML elements
// count as tags, so Korean title brackets such as <Bad Girl> or <For Paul> stay text.
const OTHER_TAGS = new Set([
  'a', 'abbr', 'area', 'audio', 'b', 'base', 'bdi', 'bdo', 'big', 'body', 'button', 'canvas', 'center', 'cite',
  'code', 'col', 'colgroup', 'data', 'del', 'details', 'dfn', 'dialog', 'em', 'embed', 'fieldset', 'font', 'head',
  'html', 'i', 'iframe', 'img', 'input', 'ins', 'kbd', 'label', 'legend', 'link', 'map', 'mark', 'meta', 'meter',
  'noscript', 'object', 'optgroup', 'option', 'output', 'param', 'picture', 'q', 'rp', 'rt', 'ruby', 's', 'samp',
  'script', 'select', 'small', 'source', 'span', 'strike', 'strong', 'style', 'sub', 'summary', 'sup', 'svg',
  'template', 'textarea', 'time', 'title', 'track', 'tt', 'u', 'var', 'video', 'wbr', 'nobr', 'path', 'g',
]);

/**
 * A tag name is markup when it names a known element (or a custom `x-y` / namespaced `o:p` one) and
 * is written all lower or all upper case, as HTML is: <Big> or <Title> in prose is a title, not a tag.
 */
function isElementName(name: string): boolean {
  if (name !== name.toLowerCase() && name !== name.toUpperCase()) return false;
  const n = name.toLowerCase();
  return BLOCK_TAGS.has(n) || CELL_TAGS.has(n) || OTHER_TAGS.has(n) || /^[a-z][a-z0-9]*[-:][a-z0-9:-]+$/.test(n);
}

// The named entities seen in scraped Korean web text. Values are code points.
const NAMED: Record<string, number> = {
  amp: 0x26, lt: 0x3c, gt: 0x3e, quot: 0x22, apos: 0x27, nbsp: 0xa0, ensp: 0x2002, emsp: 0x2003,
  thinsp: 0x2009, middot: 0xb7, hellip: 0x2026, ndash: 0x2013, mdash: 0x2014, lsquo: 0x2018,
  rsquo: 0x2019, sbquo: 0x201a, ldquo: 0x201c, rdquo: 0x201d, bdquo: 0x201e, laquo: 0xab, raquo: 0xbb,
  lsaquo: 0x2039, rsaquo: 0x203a, copy: 0xa9, reg: 0xae, trade: 0x2122, times: 0xd7, divide: 0xf7,
  bull: 0x2022, deg: 0xb0, plusmn: 0xb1, micro: 0xb5, para: 0xb6, sect: 0xa7, cent: 0xa2, pound: 0xa3,
  yen: 0xa5, euro: 0x20ac, won: 0x20a9, iexcl: 0xa1, iquest: 0xbf, shy: 0xad, larr: 0x2190,
  uarr: 0x2191, rarr: 0x2192, darr: 0x2193, harr: 0x2194, hearts: 0x2665, spades: 0x2660,
  clubs: 0x2663, diams: 0x2666, star: 0x2606, starf: 0x2605, check: 0x2713, prime: 0x2032,
  Prime: 0x2033, frac12: 0xbd, frac14: 0xbc, frac34: 0xbe, sup1: 0xb9, sup2: 0xb2, sup3: 0xb3,
  ordf: 0xaa, ordm: 0xba, not: 0xac, macr: 0xaf, acute: 0xb4, uml: 0xa8, cedil: 0xb8, zwj: 0x200d,
  zwnj: 0x200c, lrm: 0x200e, rlm: 0x200f, infin: 0x221e, ne: 0x2260, le: 0x2264, ge: 0x2265,
  asymp: 0x2248, sum: 0x2211, minus: 0x2212, radic: 0x221a, alpha: 0x3b1, beta: 0x3b2, gamma: 0x3b3,
  delta: 0x3b4, pi: 0x3c0, sigma: 0x3c3, omega: 0x3c9, mu: 0x3bc, lambda: 0x3bb, theta: 0x3b8,
};

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g;

function fromCodePoint(cp: number): string | null {
  // Refuse what no text should contain: NUL, C0/C1 controls other than tab/LF/CR, surrogates.
  if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
  if ((cp < 0x20 && cp !== 9 && cp !== 10 && cp !== 13) || (cp >= 0x7f && cp < 0xa0)) return null;
  return String.fromCodePoint(cp);
}

// An ampersand escaped any number of times (`&amp;amp;amp;`, `&#38;amp;`) is one ampersand: decoding
// it level by level would take one round per level.
const AMP_CHAIN = /&(?:amp;|#0*38;|#[xX]0*26;)+/g;

/** Decodes `&amp;`, `&#44608;`, `&#xAC00;` and the named entities above; others stay as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(AMP_CHAIN, '&').replace(ENTITY, (m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (dec !== undefined) return fromCodePoint(Number.parseInt(dec, 10)) ?? m;
    if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16)) ?? m;
    const cp = NAMED[name as string];
    return cp === undefined ? m : String.fromCodePoint(cp);
  });
}

const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const RAW_BODY = /<(script|style|noscript|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
// A tag: `<name attr…>`, `</name>`, `<!DOCTYPE …>`, `<?xml …?>`. Attributes may span lines and may
// hold quoted `>`; a `<` followed by a space or a digit is text ("a < b", "<3").
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9:-]*)(?:\s(?:[^<>"']|"[^"<\n]*"|'[^'<\n]*')*)?\/?>|<![A-Za-z][^<>]*>|<\?[^<>]*\?>/g;

export function stripTags(text: string): string {
  if (!text.includes('<')) return text;
  return text
    .replace(COMMENT, '')
    .replace(RAW_BODY, '')
    .replace(TAG, (m, _slash: string | undefined, name: string | undefined) => {
      if (name === undefined) return '';
      if (!isElementName(name)) return m;
      const n = name.toLowerCase();
      if (BLOCK_TAGS.has(n)) return '\n';
      return CELL_TAGS.has(n) ? ' ' : '';
    });
}

// Markdown, line by line. Each rule removes only markup that wraps or labels text.
const MD_FENCE = /^[ \t]*(?:`{3,}|~{3,})[ \t]*[\w+#.-]*[ \t]*$/gm;
const MD_RULE = /^[ \t]*(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:=[ \t]*){3,})$/gm;
const MD_TABLE_RULE = /^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+(?:[ \t]*:?-{3,}:?[ \t]*)?\|?[ \t]*$/gm;
const MD_HEADING = /^([ \t]*)#{1,6}[ \t]+/gm;
// The target must look like a URL or a path, so legal text such as "[별첨 1](공동이행방식)" or
// "[위 (1)항과 동일](3)" is left alone.
const MD_TARGET = String.raw`(?:[A-Za-z][A-Za-z0-9+.-]*:|www\.|[./#]|[A-Za-z0-9_-]+(?:/|\.[A-Za-z]{2,5}\b))(?:[^()\s]|\([^()\s]*\))*`;
const MD_IMAGE_OR_LINK = new RegExp(String.raw`!?\[([^\[\]\n]*)\]\(${MD_TARGET}(?:[ \t]+"[^"\n]*")?\)`, 'g');
// **bold** / __bold__ opening after a space or punctuation (Korean particles may follow the closer:
// "**강조**와"); masked IDs such as "mist****) kimd****" are not bold. Backticks are left alone:
// Korean writers use `…` as quotation marks. Bold must hold a letter or digit: (__)(__) is a bow.
const MD_STRONG = /(?<![*_\p{L}\p{N}])(\*\*|__)(?=[^\s*_])([^*_\n]*?[^\s*_])\1(?![*_])/gu;

export function stripMarkdown(text: string): string {
  if (!/[#*_`[\]|~=-]/.test(text)) return text;
  return text
    .replace(MD_FENCE, '')
    .replace(MD_TABLE_RULE, '')
    .replace(MD_RULE, '')
    .replace(MD_HEADING, '$1')
    .replace(MD_IMAGE_OR_LINK, '$1')
    .replace(MD_STRONG, (m, _d: string, inner: string) => (/[\p{L}\p{N}]/u.test(inner) ? inner : m));
}

/** Real markup settles in 1-3 rounds; more means markup nested on purpose or broken beyond use. */
export const MAX_MARKUP_ROUNDS = 8;

/**
 * The whole `html` step, repeated until nothing changes: decoding `&lt;b&gt;` yields a tag, and
 * removing a tag can join `&am` + `p;`. Returns null when the text has not settled after
 * MAX_MARKUP_ROUNDS (e.g. `<<<<b>b>b>b>` nested thousands deep): such a document is a broken
 * fragment, and giving up keeps the time linear in the length of the text.
 */
export function cleanMarkup(text: string): string | null {
  let cur = text;
  for (let round = 0; round < MAX_MARKUP_ROUNDS; round++) {
    const next = stripMarkdown(stripTags(decodeEntities(cur)));
    if (next === cur) return cur;
    cur = next;
  }
  return null;
}
