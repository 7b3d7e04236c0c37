// After tsup's ESM build: (1) gives self-referencing classes back their source names, (2) derives
// the CommonJS build from the ESM one.
//
// (1) esbuild compiles `class MorphPool { static create() { new MorphPool() } }` to
// `var MorphPool = class _MorphPool {…}`, so `MorphPool.name` is "_MorphPool" (and an MbbpeError
// subclass written that way would report `name` "_…"). esbuild's keepNames fixes it but wraps every
// closure in a __name() call, which cost ~20% of encode throughput (CPU time, klue+nsmc, 20k lines).
// A static block restoring the name costs nothing at run time; test/package/identity.test.ts checks
// every exported class's name.
//
// (2) Every dist/*.js an entry reaches
// (entries and the shared chunks, through static and dynamic imports) becomes a .cjs beside it
// whose relative imports name the .cjs files. The CJS graph is then the ESM graph, chunk for chunk,
// so each source module exists once per format (issue 16 §1).
//
// Why not tsup's own CJS splitting: it rewrites chunks with sucrase, which also lowers `?.`, `??`
// and class fields (a helper call per `?.` in the hot encode loop) and renames classes (`_class9`).
// esbuild's transform changes only the module syntax.
//
// usage: node scripts/post-build.mjs [dist] [entry ...]   (default: dist index node runtime)

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { transform } from 'esbuild';

const [distArg = 'dist', ...entryArgs] = process.argv.slice(2);
const dist = resolve(distArg);
const entries = entryArgs.length > 0 ? entryArgs : ['index', 'node', 'runtime'];

/** Static named imports of a sibling chunk, as esbuild prints them (no `* as`, no default). */
const NAMED_IMPORT = /^import\s*\{([^}]*)\}\s*from\s*"(\.{1,2}\/[^"]+)\.js";/gm;
/** Side-effect imports and dynamic import() of a sibling chunk. */
const OTHER_IMPORT = /(\bimport\s*\(\s*|^import\s+)"(\.{1,2}\/[^"]+)\.js"/gm;

/**
 * ESM text → CJS text. Named imports of chunks become one destructuring require each: esbuild's own
 * conversion would read every imported binding through the chunk's export getter at each use
 * (`(0, import_chunk.rustIsWhitespace)(c)` per character: ~20% of CJS encode time). Binding once is
 * exact here because chunks form no cycles (a chunk is only imported by chunks reached from fewer
 * entries) and no module exports a binding it reassigns (src/ has no `export let`).
 */
async function toCjs(code, file, deps) {
  const dep = (spec) => {
    deps.push(resolve(dirname(file), `${spec}.js`));
    return `"${spec}.cjs"`;
  };
  let out = code.replace(NAMED_IMPORT, (_m, names, spec) => {
    const fields = names.split(',').map((n) => n.trim()).filter(Boolean).map((n) => n.replace(/\s+as\s+/, ': '));
    return `const { ${fields.join(', ')} } = require(${dep(spec)});`;
  });
  out = out.replace(OTHER_IMPORT, (_m, lead, spec) => (lead.startsWith('import(') || lead.includes('(') ? `${lead}${dep(spec)}` : `require(${dep(spec)})`));
  if (/\bfrom\s*"\.{1,2}\//.test(out)) throw new Error(`${relative(dist, file)}: an import form post-build.mjs does not convert`);
  const result = await transform(out, {
    format: 'cjs',
    target: 'node20',
    loader: 'js',
    sourcefile: relative(dist, file),
    // The sources read `__filename` first wherever they would read import.meta.url (CJS has no
    // import.meta; esbuild would otherwise warn and substitute an empty object).
    define: { 'import.meta.url': 'undefined' },
    logLevel: 'error',
  });
  return result.code;
}

async function convert(file, seen) {
  if (seen.has(file)) return;
  seen.add(file);
  const deps = [];
  writeFileSync(file.replace(/\.js$/, '.cjs'), await toCjs(readFileSync(file, 'utf8'), file, deps));
  for (const d of deps) {
    if (!existsSync(d)) throw new Error(`${relative(dist, file)} imports ${relative(dist, d)}, which is not built`);
    await convert(d, seen);
  }
}

/** `var X = class _Y … {` → the same, opening with a static block that names the class `Y`. */
const SELF_NAMED = /(\bvar\s+[\w$]+\s*=\s*class\s+_([\w$]+)(?:\s+extends\s+[\w$.]+)?\s*\{)/g;

function restoreClassNames(dir) {
  let n = 0;
  for (const ent of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!ent.isFile() || !ent.name.endsWith('.js')) continue;
    const file = join(ent.parentPath ?? ent.path, ent.name);
    const code = readFileSync(file, 'utf8');
    const fixed = code.replace(SELF_NAMED, (_m, head, name) => {
      n++;
      return `${head} static { Object.defineProperty(this, "name", { value: ${JSON.stringify(name)} }); }`;
    });
    if (fixed !== code) writeFileSync(file, fixed);
  }
  return n;
}

const renamed = restoreClassNames(dist);
const seen = new Set();
for (const e of entries) await convert(join(dist, `${e}.js`), seen);
process.stderr.write(`post-build: ${renamed} class names restored, ${seen.size} CJS files\n`);
