// The platform suites compare every runtime with Node running the built package. This suite ties
// that expectation to the reference: on the same input, Node's ids and decoded text from the built
// entries equal Hugging Face `tokenizers` (napi) — so "same as Node" means "same as the reference".

import { describe, expect, it } from 'vitest';
import { refFromJSON } from '../runtime/support.js';
import { ENTRIES, nodeExpected, platformInput } from './support.js';

const input = platformInput();

describe.runIf(input)('the platforms\' expectation (Node, built package) is the reference\'s', () => {
  it.each(ENTRIES)('%s: ids and decode equal tokenizers (napi) on the platform input', async (entry) => {
    const want = await nodeExpected(entry, input!);
    for (const [t, tok] of input!.tokenizers.entries()) {
      const ref = refFromJSON(tok.json);
      const encs = await ref.encodeBatch(input!.lines, { addSpecialTokens: true });
      const ids = encs.map((e) => e.getIds());
      const bad = ids.findIndex((x, i) => JSON.stringify(x) !== JSON.stringify(want[t]!.ids[i]));
      expect(bad, `${tok.name}: first line whose ids differ from the reference: ${bad}`).toBe(-1);
      const decoded = await ref.decodeBatch(ids, false);
      expect(want[t]!.decoded).toEqual(decoded);
    }
  }, 300_000); // a hang guard only: a loaded machine may need minutes (vitest's default is 120 s)
});
