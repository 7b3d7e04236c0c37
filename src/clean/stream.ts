// The streaming API: documents in (strings, or objects with a text field), cleaned documents
// out, dropped ones left out, and a report that is complete once the stream has been consumed.
// Not handled: files and JSONL parsing (Node-only, see node/io.ts).

import { Cleaner, type CleanReport } from './cleaner.js';
import { CleanInputError } from './errors.js';
import type { CleanOptions } from './options.js';

export interface CleanStreamOptions extends CleanOptions {
  /** For object documents: the field holding the text. Default: `'text'`. Other fields are kept. */
  textField?: string;
}

/** An async iterable of cleaned documents; `report` fills in as it is consumed. */
export interface CleanStream<T> extends AsyncIterable<T> {
  readonly report: CleanReport;
}

type Doc = string | object;

/**
 * Cleans a stream of documents. A string is one document; an object's `textField` is cleaned and
 * every other field is copied unchanged (in the same key order). Dropped documents are skipped.
 *
 * ```ts
 * const out = clean(docs, { steps: { dedup: false }, minChars: 10 });
 * for await (const d of out) write(d);
 * console.log(out.report);
 * ```
 */
export function clean<T extends Doc>(docs: AsyncIterable<T> | Iterable<T>, options: CleanStreamOptions = {}): CleanStream<T> {
  const cleaner = new Cleaner(options);
  const field = options.textField ?? 'text';
  async function* run(): AsyncGenerator<T> {
    let index = 0;
    for await (const doc of docs) {
      index++;
      if (typeof doc === 'string') {
        const r = cleaner.cleanText(doc);
        if (r.text !== null) yield r.text as T;
        continue;
      }
      const text = (doc as Record<string, unknown>)[field];
      if (typeof text !== 'string') {
        throw new CleanInputError('<stream>', index, `document has no string field '${field}'`, 'pass textField with the name of the text field');
      }
      const r = cleaner.cleanText(text);
      if (r.text !== null) yield { ...(doc as Record<string, unknown>), [field]: r.text } as T;
    }
  }
  const it = run();
  return {
    report: cleaner.report,
    [Symbol.asyncIterator]: () => it,
  };
}

/**
 * Cleans one-document-per-line text (for `train --clean`): like {@link clean} on strings, but line
 * breaks made inside a document (e.g. from `<br>`) become spaces unless `lineBreaks` says otherwise.
 */
export function cleanLines(lines: AsyncIterable<string> | Iterable<string>, options: CleanOptions = {}): CleanStream<string> {
  return clean(lines, { lineBreaks: 'space', ...options });
}
