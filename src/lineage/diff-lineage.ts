// Compares the column lineage of two compiled plans: per model added / removed / modified, per
// column what changed, who consumes it downstream, and whether the change is breaking.
import type { CompiledPlan } from '../plan/types.js';
import type { Column, CompiledModelObject } from '../objects/types.js';
import { buildLineageGraph, nodeKey } from './build-lineage-graph.js';
import { isNarrowing } from './is-narrowing.js';
import { normalizeModelSql } from './normalize-model-sql.js';
import { traceLineage } from './trace-lineage.js';
import type { LineageGraph } from './types.js';

export type ColumnChangeKind = 'added' | 'removed' | 'type_changed' | 'lineage_changed' | 'classification_changed';

export interface ColumnChange {
  readonly column: string;
  readonly changes: readonly ColumnChangeKind[];
  readonly old_type: string | null;
  readonly new_type: string | null;
  readonly old_classification: readonly string[];
  readonly new_classification: readonly string[];
  /** Columns that read this one, transitively (`<model>.<column>`, sorted). */
  readonly downstream: readonly string[];
  readonly breaking: boolean;
  /** Why it breaks, or null. */
  readonly reason: string | null;
}

export interface ModelChange {
  readonly model: string;
  readonly status: 'added' | 'removed' | 'modified';
  /** The model's compiled SQL differs (comments and insignificant whitespace aside); false for
   *  added and removed models. A modified model may have it with no column change. */
  readonly sql_changed: boolean;
  readonly columns: readonly ColumnChange[];
  readonly breaking: boolean;
}

export interface LineageDiff {
  readonly base: string;
  readonly head: string;
  readonly models: readonly ModelChange[];
  readonly breaking: boolean;
}

/** Classifications whose unmasked appearance is a lost masking. */
const SENSITIVE = ['pii', 'financial'];

type Plan = Pick<CompiledPlan, 'models' | 'sources'>;

export function diffLineage(base: Plan, head: Plan, labels: { base: string; head: string }): LineageDiff {
  // Built on the first change: an unchanged model (same CID) is never decoded or indexed.
  let built: { base: LineageGraph; head: LineageGraph } | null = null;
  const graphs = () => (built ??= { base: buildLineageGraph(base), head: buildLineageGraph(head) });
  const names = [...new Set([...base.models.keys(), ...head.models.keys()])].sort();
  const models: ModelChange[] = [];
  for (const name of names) {
    if (base.models.get(name)?.cid === head.models.get(name)?.cid) continue; // the same object
    const b = base.models.get(name)?.object;
    const h = head.models.get(name)?.object;
    const columns = diffColumns(name, b, h, graphs);
    // A changed query with identical columns (a CASE threshold, a filter) still changes the data:
    // listed, never breaking by itself.
    const sqlChanged = b !== undefined && h !== undefined && normalizeModelSql(b.sql) !== normalizeModelSql(h.sql);
    if (columns.length === 0 && !sqlChanged) continue;
    const status = !b ? 'added' : !h ? 'removed' : 'modified';
    models.push({ model: name, status, sql_changed: sqlChanged, columns, breaking: columns.some((c) => c.breaking) });
  }
  return { base: labels.base, head: labels.head, models, breaking: models.some((m) => m.breaking) };
}

function diffColumns(model: string, b: CompiledModelObject | undefined, h: CompiledModelObject | undefined, graphs: () => { base: LineageGraph; head: LineageGraph }): ColumnChange[] {
  const oldCols = new Map((b?.columns ?? []).map((c) => [c.name.toLowerCase(), c]));
  const newCols = new Map((h?.columns ?? []).map((c) => [c.name.toLowerCase(), c]));
  const order = [...(h?.columns ?? []), ...(b?.columns ?? []).filter((c) => !newCols.has(c.name.toLowerCase()))];
  const out: ColumnChange[] = [];
  for (const col of order) {
    const key = col.name.toLowerCase();
    const o = oldCols.get(key);
    const n = newCols.get(key);
    const oldEdges = edgesInto(b, key);
    const newEdges = edgesInto(h, key);
    const changes: ColumnChangeKind[] = [];
    if (!o) changes.push('added');
    else if (!n) changes.push('removed');
    else {
      if (o.type !== n.type) changes.push('type_changed');
      if (!sameSet(oldEdges, newEdges)) changes.push('lineage_changed');
      if (!sameSet(new Set(o.classification), new Set(n.classification))) changes.push('classification_changed');
    }
    if (changes.length === 0) continue;
    // A removed column has no consumers left in head (head compiles), so who it breaks is who
    // read it in base; every other change is judged by the head's consumers.
    const graph = n ? graphs().head : graphs().base;
    const id = `${model}.${col.name}`;
    const downstream = [...new Set(traceLineage(graph, [id], 'downstream').map((e) => e.to))].sort();
    const reason = breakingReason(o, n, oldEdges, newEdges, downstream.length > 0);
    out.push({
      column: col.name, changes, old_type: o?.type ?? null, new_type: n?.type ?? null,
      old_classification: o?.classification ?? [], new_classification: n?.classification ?? [],
      downstream, breaking: reason !== null, reason,
    });
  }
  return out;
}

function breakingReason(o: Column | undefined, n: Column | undefined, oldEdges: Set<string>, newEdges: Set<string>, consumed: boolean): string | null {
  if (o && !n) return consumed ? 'removed column is consumed downstream' : null;
  if (!o && n) return exposedUnmasked(n, newEdges);
  if (!o || !n) return null;
  if (o.type !== n.type && consumed && isNarrowing(o.type, n.type)) return `type narrowed from ${o.type} to ${n.type} and consumed downstream`;
  const parse = (edges: Set<string>) => [...edges].map((e) => e.split('|')).filter(([, type]) => type === 'DIRECT');
  const maskedFrom = new Set(parse(oldEdges).filter(([, , , m]) => m === 'masked').map(([from]) => from));
  if (maskedFrom.size > 0) {
    const headDirect = parse(newEdges);
    const unmaskedAgain = headDirect.some(([from, , , m]) => m !== 'masked' && maskedFrom.has(from));
    const noMasking = headDirect.length > 0 && !headDirect.some(([, , , m]) => m === 'masked');
    if (unmaskedAgain || noMasking) return 'masking lost: a masked input now flows unmasked';
  }
  const gained = n.classification.filter((t) => SENSITIVE.includes(t) && !o.classification.includes(t));
  if (gained.length > 0) return `masking lost: column now carries ${gained.join(', ')} unmasked`;
  return null;
}

/** A new column carrying a sensitive tag without masking: nothing reviewed it before, so it is
 *  the same risk as a lost masking. Masked means it has DIRECT edges and every one of them masks
 *  (a sidecar may tag a hashed column; a tag with no masking edge is exposed). */
function exposedUnmasked(n: Column, newEdges: Set<string>): string | null {
  const sensitive = n.classification.filter((t) => SENSITIVE.includes(t));
  if (sensitive.length === 0) return null;
  const direct = [...newEdges].map((e) => e.split('|')).filter(([, type]) => type === 'DIRECT');
  const masked = direct.length > 0 && direct.every(([, , , m]) => m === 'masked');
  return masked ? null : `new column exposes ${sensitive.join(', ')} unmasked`;
}

/** The model's direct edges into one column as comparable keys `from|type|subtype|masked?`. */
function edgesInto(model: CompiledModelObject | undefined, column: string): Set<string> {
  return new Set((model?.lineage ?? []).filter((e) => nodeKey(e.to) === column)
    .map((e) => `${e.from.toLowerCase()}|${e.type}|${e.subtype}|${e.masking ? 'masked' : 'plain'}`));
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}
