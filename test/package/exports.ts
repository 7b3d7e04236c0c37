// The exported names of an entry module of src/, values and types apart, read with the TypeScript
// checker (what a consumer's `import { … }` can name). Used by surface.test.ts.

import { join } from 'node:path';
import ts from 'typescript';
import { repoRoot } from '../support/shared.js';

export interface EntryExports {
  values: string[];
  types: string[];
}

export function entryExports(entries: readonly string[]): Record<string, EntryExports> {
  const file = (e: string) => join(repoRoot, 'src', `${e}.ts`);
  const program = ts.createProgram(entries.map(file), {
    strict: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const out: Record<string, EntryExports> = {};
  for (const e of entries) {
    const sf = program.getSourceFile(file(e));
    const sym = sf && checker.getSymbolAtLocation(sf);
    if (!sym) throw new Error(`src/${e}.ts is not a module`);
    const values: string[] = [];
    const types: string[] = [];
    for (const ex of checker.getExportsOfModule(sym)) {
      const target = ex.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(ex) : ex;
      // `export type { C }` of a class is a type for the consumer, whatever C is.
      const typeOnly = (ex.declarations ?? []).some((d) => ts.isExportSpecifier(d) && (d.isTypeOnly || d.parent.parent.isTypeOnly));
      (target.flags & ts.SymbolFlags.Value && !typeOnly ? values : types).push(ex.name);
    }
    out[e] = { values: values.sort(), types: types.sort() };
  }
  return out;
}
