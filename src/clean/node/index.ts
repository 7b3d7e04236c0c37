// The Node-only surface of the cleaning pipeline (re-exported from src/node.ts): file I/O for
// text/JSONL corpora and the file-backed dedup set. Not platform-neutral: imports `node:` modules.

export { FileDedupSet, type FileDedupOptions } from './file-dedup.js';
export { formatFromPath, openOutput, readDocuments, writeDocuments, type DocFormat, type DocumentOutput, type JsonlRecord, type ReadDocumentsOptions } from './io.js';
