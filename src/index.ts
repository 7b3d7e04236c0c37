// The public, platform-neutral surface of mbbpe: nothing here imports `node:` modules, so it runs
// in browsers and bundlers. File, worker and network loading live in `mbbpe/node` (src/node.ts).
// Each area keeps its exports between its own markers.

export { MbbpeError } from './errors.js';

// RUNTIME-BEGIN
// RUNTIME-END

// MORPH-BEGIN
// MORPH-END

// TRAIN-BEGIN
// TRAIN-END

// CLEAN-BEGIN
// CLEAN-END
