// Name scopes of a SELECT: the relations of its FROM clause under their aliases, USING-merged
// columns, select-list aliases usable laterally, and the enclosing query's scope (correlation).
import type { RelColumn, Relation } from './bound.js';

export interface ScopeEntry {
  /** Alias as written (table name when unaliased); '' for an unnamed derived table. */
  readonly alias: string;
  readonly relation: Relation;
}

export interface FromScope {
  readonly entries: readonly ScopeEntry[];
  /** USING / NATURAL join columns: unqualified names resolve to these. Keyed by lower-case name. */
  readonly merged: ReadonlyMap<string, RelColumn>;
  /** Columns `*` skips (right-hand USING columns) or replaces (left-hand ones, by the merged column). */
  readonly starReplace: ReadonlyMap<RelColumn, RelColumn | null>;
}

export interface Scope {
  readonly from: FromScope;
  readonly parent: Scope | null;
}

export const EMPTY_FROM: FromScope = { entries: [], merged: new Map(), starReplace: new Map() };

export function findEntry(from: FromScope, alias: string): ScopeEntry | null {
  const key = alias.toLowerCase();
  for (const e of from.entries) if (e.alias.toLowerCase() === key) return e;
  return null;
}

export function findColumn(rel: Relation, name: string): RelColumn | null {
  const key = name.toLowerCase();
  for (const c of rel.columns) if (c.name.toLowerCase() === key) return c;
  return null;
}

/** Unqualified lookup in one FROM scope: the merged column, else the single match; 'ambiguous' if several. */
export function lookupUnqualified(from: FromScope, name: string): RelColumn | 'ambiguous' | null {
  const merged = from.merged.get(name.toLowerCase());
  if (merged) return merged;
  let found: RelColumn | null = null;
  for (const e of from.entries) {
    const c = findColumn(e.relation, name);
    if (c) {
      if (found) return 'ambiguous';
      found = c;
    }
  }
  return found;
}

/** Every column name visible in a scope chain, for did-you-mean. */
export function visibleNames(scope: Scope | null): string[] {
  const names: string[] = [];
  for (let s = scope; s; s = s.parent) {
    for (const e of s.from.entries) for (const c of e.relation.columns) names.push(c.name);
  }
  return names;
}
