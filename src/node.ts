// The Node-only surface: everything in the platform-neutral entry plus loaders that read files,
// start worker threads or use the network. Each area keeps its exports between its own markers.

export * from './index.js';

// RUNTIME-BEGIN
// RUNTIME-END

// MORPH-BEGIN
// MORPH-END

// TRAIN-BEGIN
// TRAIN-END

// HUB-BEGIN
// HUB-END

// CLEAN-BEGIN
// CLEAN-END
