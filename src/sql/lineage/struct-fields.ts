// Struct fields traced one by one: a struct built in the model (`{'gross': q * p, 'fee': f}`,
// `struct_pack(g := x)`) keeps each field's own inputs, so a later read of one field
// (`s.gross`, `s['gross']`, `struct_extract(s, 'gross')`) gets that field's inputs, not every
// field's. Within one model only: a model's compiled output columns carry no per-field lineage,
// so a model reading another model's struct column gets the whole column's inputs.
import type { BoundExpr, RelColumn } from '../bind/bound.js';

/** Where one field of a struct-valued expression comes from: an expression of this model, or a
 *  column (of a CTE or derived table) that kept its fields; null when it is not known. */
export type FieldSource = { readonly expr: BoundExpr } | { readonly column: RelColumn } | null;

export function fieldSource(e: BoundExpr, name: string): FieldSource {
  const key = name.toLowerCase();
  switch (e.kind) {
    case 'column': {
      const c = e.column.fields?.get(key);
      return c ? { column: c } : null;
    }
    case 'function': {
      if (e.name !== 'struct_pack') return null;
      const i = e.argNames.findIndex((n) => n.toLowerCase() === key);
      return i >= 0 ? { expr: e.args[i] } : null;
    }
    case 'field': {
      const parent = fieldSource(e.child, e.name);
      if (!parent) return null;
      if ('expr' in parent) return fieldSource(parent.expr, name);
      const c = parent.column.fields?.get(key);
      return c ? { column: c } : null;
    }
    default:
      return null;
  }
}

/** A field read by name: `s.f` (a field node), `s['f']` and `struct_extract(s, 'f')`. */
export function fieldRead(e: BoundExpr): { readonly struct: BoundExpr; readonly name: string } | null {
  if (e.kind === 'field') return { struct: e.child, name: e.name };
  const args = e.kind === 'function' && e.name === 'struct_extract' ? e.args
    : e.kind === 'operator' && e.op === 'ARRAY_EXTRACT' ? e.args : null;
  const key = args?.[1];
  if (!args || !key || key.kind !== 'constant' || typeof key.value !== 'string') return null;
  return { struct: args[0], name: key.value };
}
