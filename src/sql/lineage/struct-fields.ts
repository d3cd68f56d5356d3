// Per-field lineage of STRUCT values: `{'gross': qty * price, 'fee': fee}` (struct_pack) keeps
// each field's deps apart, so a later read of one field (`s.gross`, `s['gross']`,
// struct_extract(s, 'gross')) reaches that field's inputs only, not every field's. Known
// through select lists, CTEs and derived tables of one model; a model's output column keeps
// the union (lineage edges name columns, not fields).
import type { BoundExpr, Dep } from '../bind/bound.js';
import { addDep, sortedDeps, type DepSet } from './dep-set.js';

export interface FieldLineage {
  readonly deps: readonly Dep[];
  readonly fields: FieldDeps | null;
}
/** Field lineage by lower-case field name. */
export type FieldDeps = ReadonlyMap<string, FieldLineage>;

/** Functions that read one field of a struct by a constant name. */
const EXTRACT_FUNCTIONS: ReadonlySet<string> = new Set(['struct_extract', 'array_extract', 'list_extract', 'element_at', 'map_extract', 'map_extract_value']);
/** Functions whose value is an element of their first argument (a list): the elements' fields. */
const ELEMENT_FUNCTIONS: ReadonlySet<string> = new Set(['list_extract', 'array_extract', 'list_element', 'unnest', 'list_any_value', 'list_first', 'list_last']);
const LIST_FUNCTIONS: ReadonlySet<string> = new Set(['list_value', 'list_pack']);
const EXTRACT_OPERATORS: ReadonlySet<string> = new Set(['STRUCT_EXTRACT', 'ARRAY_EXTRACT']);

function constantName(e: BoundExpr | undefined): string | null {
  return e?.kind === 'constant' && typeof e.value === 'string' ? e.value : null;
}

/** The struct and the field name when `e` reads one field by a constant name. */
export function fieldRead(e: BoundExpr): { readonly child: BoundExpr; readonly name: string } | null {
  if (e.kind === 'field') return { child: e.child, name: e.name };
  const args = e.kind === 'operator' && EXTRACT_OPERATORS.has(e.op) ? e.args
    : e.kind === 'function' && EXTRACT_FUNCTIONS.has(e.name) && e.window === null ? e.args : null;
  if (!args || args.length !== 2) return null;
  const name = constantName(args[1]);
  return name === null ? null : { child: args[0], name };
}

/** Per-field lineage of a struct-valued expression, when its fields are known apart. */
export function fieldDeps(e: BoundExpr, depsOf: (x: BoundExpr) => readonly Dep[]): FieldDeps | null {
  if (e.kind === 'column') return e.column.fields ?? null;
  if (e.kind === 'function' && e.name === 'struct_pack' && e.window === null && e.argNames.every((n) => n !== '')) {
    const m = new Map<string, FieldLineage>();
    e.args.forEach((a, i) => m.set(e.argNames[i].toLowerCase(), { deps: depsOf(a), fields: fieldDeps(a, depsOf) }));
    return m;
  }
  if (e.kind === 'function' && e.name === 'map' && e.args.length === 2) return mapLiteral(e.args[0], e.args[1], depsOf);
  // A list of known structs ([{...}, {...}]): its elements' fields, merged; an element read keeps them.
  if (e.kind === 'function' && LIST_FUNCTIONS.has(e.name) && e.args.length > 0) return merge(e.args.map((a) => fieldDeps(a, depsOf)));
  const read = fieldRead(e);
  if (read) return fieldDeps(read.child, depsOf)?.get(read.name.toLowerCase())?.fields ?? null;
  if (e.kind === 'function' && ELEMENT_FUNCTIONS.has(e.name) && e.window === null && e.args[0]) return fieldDeps(e.args[0], depsOf);
  if (e.kind === 'operator' && e.op === 'ARRAY_EXTRACT' && e.args[0]) return fieldDeps(e.args[0], depsOf);
  return null;
}

/** MAP {'a': x, 'b': y} (map(['a', 'b'], [x, y])): each constant key's value deps, like struct fields. */
function mapLiteral(keys: BoundExpr, values: BoundExpr, depsOf: (x: BoundExpr) => readonly Dep[]): FieldDeps | null {
  if (keys.kind !== 'function' || values.kind !== 'function' || !LIST_FUNCTIONS.has(keys.name) || !LIST_FUNCTIONS.has(values.name)) return null;
  if (keys.args.length !== values.args.length) return null;
  const m = new Map<string, FieldLineage>();
  for (const [i, k] of keys.args.entries()) {
    const name = constantName(k)?.toLowerCase();
    // Map keys are case-sensitive; two keys equal but for case cannot be told apart here.
    if (name === undefined || m.has(name)) return null;
    m.set(name, { deps: depsOf(values.args[i]), fields: fieldDeps(values.args[i], depsOf) });
  }
  return m;
}

/** Field lineage of values that may come from any of several structs: the union, per field. */
function merge(all: readonly (FieldDeps | null)[]): FieldDeps | null {
  if (all.some((f) => f === null)) return null;
  const names = new Set(all.flatMap((f) => [...f!.keys()]));
  const out = new Map<string, FieldLineage>();
  for (const n of names) {
    const parts = all.map((f) => f!.get(n));
    if (parts.some((p) => p === undefined)) return null;
    const deps: DepSet = new Set();
    for (const p of parts) for (const d of p!.deps) addDep(deps, d);
    out.set(n, { deps: sortedDeps(deps), fields: merge(parts.map((p) => p!.fields)) });
  }
  return out;
}
