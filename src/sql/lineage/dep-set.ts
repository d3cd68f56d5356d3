// Dep values and sets of them. Deps are interned per input column (Dep.variants), so a set of
// deps is a plain Set deduplicating by identity. When the same input reaches a value both masked
// and unmasked, sortedDeps keeps the unmasked one (an unmasked path leaks the value).
import type { Dep } from '../bind/bound.js';
import type { LineageEdge } from '../../objects/types.js';

export type DepSet = Set<Dep>;

const SUBTYPES: readonly LineageEdge['subtype'][] = ['IDENTITY', 'TRANSFORMATION', 'AGGREGATION', 'JOIN', 'GROUP_BY', 'FILTER', 'SORT', 'WINDOW', 'CONDITIONAL'];
const SUBTYPE_INDEX: Readonly<Record<string, number>> = Object.fromEntries(SUBTYPES.map((s, i) => [s, i]));

function code(type: LineageEdge['type'], subtype: LineageEdge['subtype'], masking: boolean): number {
  return (type === 'DIRECT' ? 0 : 32) + SUBTYPE_INDEX[subtype] * 2 + (masking ? 1 : 0);
}

/** The DIRECT IDENTITY dep on an input column, root of its variants. */
export function rootDep(from: string): Dep {
  const variants: Dep[] = [];
  const d: Dep = { from, type: 'DIRECT', subtype: 'IDENTITY', masking: false, variants };
  variants[code('DIRECT', 'IDENTITY', false)] = d;
  return d;
}

/** The dep on the same input column with another type, subtype or masking. */
export function variant(d: Dep, type: LineageEdge['type'], subtype: LineageEdge['subtype'], masking: boolean): Dep {
  const c = code(type, subtype, masking);
  return (d.variants[c] ??= { from: d.from, type, subtype, masking, variants: d.variants });
}

export function addDep(set: DepSet, d: Dep): void {
  set.add(d);
}

const ORDER = { DIRECT: 0, INDIRECT: 1 } as const;

function compare(a: Dep, b: Dep): number {
  if (a.from !== b.from) return a.from < b.from ? -1 : 1;
  return ORDER[a.type] - ORDER[b.type] || SUBTYPE_INDEX[a.subtype] - SUBTYPE_INDEX[b.subtype] || (a.masking ? 1 : 0) - (b.masking ? 1 : 0);
}

/** Deterministic order: by from, then DIRECT before INDIRECT, then subtype; masked duplicates dropped. */
export function sortedDeps(set: Iterable<Dep>): Dep[] {
  const all = [...set].sort(compare);
  const out: Dep[] = [];
  for (const d of all) {
    const prev = out[out.length - 1];
    if (prev && prev.from === d.from && prev.type === d.type && prev.subtype === d.subtype) continue;
    out.push(d);
  }
  return out;
}

/** What sortedDeps gives for the union of two lists, merged in one pass when both are already
 *  in its order (as bound relations hold their deps): an output column's edges are its deps and
 *  its query's row deps, and sorting the row deps again for every column was ~5% of a large
 *  compile's allocations (measured). */
export function mergedDeps(a: readonly Dep[], b: readonly Dep[]): Dep[] {
  if (!inOrder(a) || !inOrder(b)) return sortedDeps(new Set([...a, ...b]));
  const out: Dep[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const d = j >= b.length || (i < a.length && compare(a[i], b[j]) <= 0) ? a[i++] : b[j++];
    const prev = out[out.length - 1];
    if (prev && prev.from === d.from && prev.type === d.type && prev.subtype === d.subtype) continue;
    out.push(d);
  }
  return out;
}

function inOrder(deps: readonly Dep[]): boolean {
  for (let k = 1; k < deps.length; k++) if (compare(deps[k - 1], deps[k]) > 0) return false;
  return true;
}
