// What the browser test page imports: the platform-neutral hub entry, bundled by esbuild for the browser.
export { fromPretrained, defaultBrowserStore } from '../../src/hub/index.js';
export { MemoryStore } from '../../src/hub/store.js';
