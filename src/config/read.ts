// Small typed readers over parsed JSON: each returns the value with its TS type or throws a
// TokenizerConfigError naming the JSON path. They know nothing about what the fields mean.

import { TokenizerConfigError } from './errors.js';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

export function asObject(v: unknown, path: string): JsonObject {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new TokenizerConfigError(path, `expected an object, found ${kind(v)}`);
  }
  return v as JsonObject;
}

export function asArray(v: unknown, path: string): Json[] {
  if (!Array.isArray(v)) throw new TokenizerConfigError(path, `expected an array, found ${kind(v)}`);
  return v as Json[];
}

export function reqString(o: JsonObject, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw new TokenizerConfigError(`${path}.${key}`, `expected a string, found ${kind(v)}`);
  return v;
}

export function optString(o: JsonObject, key: string, path: string): string | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new TokenizerConfigError(`${path}.${key}`, `expected a string or null, found ${kind(v)}`);
  return v;
}

export function optBool(o: JsonObject, key: string, path: string, dflt: boolean): boolean {
  const v = o[key];
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'boolean') throw new TokenizerConfigError(`${path}.${key}`, `expected true or false, found ${kind(v)}`);
  return v;
}

export function reqBool(o: JsonObject, key: string, path: string): boolean {
  const v = o[key];
  if (typeof v !== 'boolean') throw new TokenizerConfigError(`${path}.${key}`, `expected true or false, found ${kind(v)}`);
  return v;
}

export function reqUint(o: JsonObject, key: string, path: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) {
    throw new TokenizerConfigError(`${path}.${key}`, `expected a non-negative integer, found ${JSON.stringify(v) ?? 'nothing'}`);
  }
  return v;
}

export function optUint(o: JsonObject, key: string, path: string, dflt: number): number {
  return o[key] === undefined || o[key] === null ? dflt : reqUint(o, key, path);
}

/** The `type` tag of a component object, checked against the supported list. */
export function componentType(v: unknown, path: string, stage: string, supported: readonly string[]): { o: JsonObject; type: string } {
  const o = asObject(v, path);
  const type = o.type;
  if (typeof type !== 'string') throw new TokenizerConfigError(`${path}.type`, `the ${stage} has no "type" string`);
  if (!supported.includes(type)) {
    throw new TokenizerConfigError(
      `${path}.type`,
      `unsupported ${stage} "${type}"`,
      `mbbpe supports the byte-level BPE family; supported ${stage}s: ${supported.join(', ')}`,
    );
  }
  return { o, type };
}

/** One character string (a `char` in the reference's serde schema). */
export function reqChar(o: JsonObject, key: string, path: string): string {
  const s = reqString(o, key, path);
  if ([...s].length !== 1) throw new TokenizerConfigError(`${path}.${key}`, `expected exactly one character, found ${JSON.stringify(s)}`);
  return s;
}
