// No import cycles in src/ (issue 16 §1): the layers (config → models → tokenizer → hub, train, cli)
// only import downwards. The graph is every static `import … from` / `export … from` between src/
// files, type-only ones included (a type cycle is a layering cycle too); `import()` is not an edge,
// since a lazy load is how a lower layer may reach an optional higher one at run time.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';

const SRC = join(repoRoot, 'src');

function sourceFiles(): string[] {
  return (readdirSync(SRC, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((d) => d.isFile() && d.name.endsWith('.ts') && !d.name.endsWith('.d.ts'))
    .map((d) => join(d.parentPath, d.name));
}

/** Relative module specifiers of a file's static imports and re-exports. */
export function staticImports(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out: string[] = [];
  for (const st of sf.statements) {
    // Type-only imports and exports vanish from the emitted JS: they cannot make a load-order cycle.
    if (ts.isImportDeclaration(st) && st.importClause?.isTypeOnly) continue;
    if (ts.isExportDeclaration(st) && st.isTypeOnly) continue;
    if ((ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
      out.push(st.moduleSpecifier.text);
    }
  }
  return out.filter((s) => s.startsWith('.'));
}

/** Strongly connected components of size > 1 (or self-loops), each as a list of files (Tarjan). */
export function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(comp.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return found;
}

describe('src/ import graph', () => {
  it('the checker finds a cycle when there is one', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
      ['e', ['e']],
    ]);
    expect(cycles(g)).toEqual([['a', 'b', 'c'], ['e']]);
    expect(cycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
    expect(staticImports('x.ts', "import type { A } from './t.js';\nimport { A2 } from './a.js';\nexport { B } from '../b.js';\nconst c = await import('./c.js');\nimport 'node:fs';")).toEqual(['./a.js', '../b.js']);
  });

  it('has no cycles', () => {
    const files = sourceFiles();
    const known = new Set(files);
    const graph = new Map<string, string[]>();
    const unresolved: string[] = [];
    for (const f of files) {
      const deps: string[] = [];
      for (const spec of staticImports(f, readFileSync(f, 'utf8'))) {
        if (spec.endsWith('.json')) continue; // data (package.json), not a module of the graph
        const base = resolve(dirname(f), spec.replace(/\.js$/, ''));
        const target = [`${base}.ts`, join(base, 'index.ts')].find((p) => known.has(p));
        if (target) deps.push(target);
        else unresolved.push(`${relative(SRC, f)} → ${spec}`);
      }
      graph.set(f, deps);
    }
    expect(unresolved).toEqual([]);
    expect(files.length).toBeGreaterThan(100);
    const found = cycles(graph).map((c) => c.map((f) => relative(SRC, f)));
    process.stderr.write(`cycles: ${JSON.stringify(found)}\n`);
    expect(found).toEqual([]);
    // models/ is the bottom pipeline layer: besides itself it may use config/, text/ and errors.ts only.
    const upward = [...graph]
      .filter(([f]) => relative(SRC, f).startsWith('models/'))
      .flatMap(([f, deps]) => deps.filter((d) => !/^(models|config|text)\/|^errors\.ts$/.test(relative(SRC, d))).map((d) => `${relative(SRC, f)} → ${relative(SRC, d)}`));
    expect(upward).toEqual([]);
  });
});
