// Column lineage of one bound expression: the deps of every column it reads, composed with how
// the expression uses them (IDENTITY, TRANSFORMATION, AGGREGATION, or an INDIRECT role).
import type { BoundExpr, BoundKind, Dep } from '../bind/bound.js';
import type { LineageEdge } from '../../objects/types.js';
import { AGGREGATE_FUNCTIONS, MASKING_FUNCTIONS } from '../types/aggregate-names.js';
import { addDep, sortedDeps, variant, type DepSet } from './dep-set.js';
import { fieldDeps, fieldRead } from './struct-fields.js';

/** How the enclosing expression uses a value. */
export interface Mode {
  readonly type: LineageEdge['type'];
  readonly subtype: LineageEdge['subtype'];
  readonly masking: boolean;
}

export const IDENTITY: Mode = { type: 'DIRECT', subtype: 'IDENTITY', masking: false };
export const indirect = (subtype: LineageEdge['subtype']): Mode => ({ type: 'INDIRECT', subtype, masking: false });

const RANK: Readonly<Record<string, number>> = { IDENTITY: 0, TRANSFORMATION: 1, AGGREGATION: 2 };

/** The mode of a child read through `subtype` (DIRECT) inside `mode`. */
function through(mode: Mode, subtype: 'TRANSFORMATION' | 'AGGREGATION', masking = false): Mode {
  if (mode.type === 'INDIRECT') return mode;
  return { type: 'DIRECT', subtype: RANK[mode.subtype] >= RANK[subtype] ? mode.subtype : subtype, masking: mode.masking || masking };
}

/** A dep of a read column, seen through the mode of the expression reading it. */
export function compose(mode: Mode, dep: Dep): Dep {
  if (mode.type === 'INDIRECT') return dep.type === 'INDIRECT' && dep.subtype === mode.subtype ? dep : variant(dep, 'INDIRECT', mode.subtype, false);
  if (dep.type === 'INDIRECT') return dep;
  const subtype = RANK[mode.subtype] >= RANK[dep.subtype] ? mode.subtype : dep.subtype;
  const masking = mode.masking || dep.masking;
  return subtype === dep.subtype && masking === dep.masking ? dep : variant(dep, 'DIRECT', subtype, masking);
}

const SORT = indirect('SORT');
const FILTER = indirect('FILTER');
const WINDOW = indirect('WINDOW');
const CONDITIONAL = indirect('CONDITIONAL');
const GROUP_BY = indirect('GROUP_BY');

/** An INDIRECT role inside an expression already read indirectly keeps the outer role. */
function role(mode: Mode, inner: Mode): Mode {
  return mode.type === 'INDIRECT' ? mode : inner;
}

type Handler<K extends BoundKind> = (e: Extract<BoundExpr, { kind: K }>, mode: Mode, out: DepSet) => void;

const HANDLERS: { readonly [K in BoundKind]: Handler<K> } = {
  column: (e, mode, out) => {
    for (const d of e.column.deps) addDep(out, compose(mode, d));
  },
  field: (e, mode, out) => exprDeps(e.child, through(mode, 'TRANSFORMATION'), out),
  constant: () => undefined,
  cast: (e, mode, out) => exprDeps(e.child, through(mode, 'TRANSFORMATION'), out),
  function: (e, mode, out) => {
    const masking = MASKING_FUNCTIONS.has(e.name);
    const valueMode = through(mode, AGGREGATE_FUNCTIONS.has(e.name) ? 'AGGREGATION' : 'TRANSFORMATION', masking);
    for (const a of e.args) exprDeps(a, valueMode, out);
    for (const o of e.orderBy) exprDeps(o, role(mode, SORT), out);
    if (e.filter) exprDeps(e.filter, role(mode, FILTER), out);
    if (e.window) {
      const w = role(mode, WINDOW);
      for (const p of e.window.partitions) exprDeps(p, w, out);
      for (const o of e.window.orders) exprDeps(o, w, out);
      for (const x of e.window.extras) exprDeps(x, w, out);
    }
  },
  case: (e, mode, out) => {
    const cond = role(mode, CONDITIONAL);
    const value = through(mode, 'TRANSFORMATION');
    for (const c of e.checks) {
      exprDeps(c.when, cond, out);
      exprDeps(c.then, value, out);
    }
    if (e.elseExpr) exprDeps(e.elseExpr, value, out);
  },
  operator: (e, mode, out) => {
    // GROUPING(k) says which grouping set a row belongs to; it never carries k's value.
    const m = e.op === 'GROUPING_FUNCTION' ? role(mode, GROUP_BY) : through(mode, 'TRANSFORMATION');
    for (const a of e.args) exprDeps(a, m, out);
  },
  subquery: (e, mode, out) => {
    const m = e.subqueryType === 'SCALAR' ? mode : through(mode, 'TRANSFORMATION');
    if (e.subqueryType === 'SCALAR' || e.subqueryType === 'ANY') {
      for (const d of e.relation.columns[0]?.deps ?? []) addDep(out, compose(m, d));
    }
    const rows = role(mode, FILTER);
    for (const d of e.relation.rowDeps) addDep(out, compose(rows, d));
    if (e.child) exprDeps(e.child, through(mode, 'TRANSFORMATION'), out);
  },
  lambda: (e, mode, out) => exprDeps(e.body, mode, out),
};

export function exprDeps(e: BoundExpr, mode: Mode, out: DepSet): void {
  const read = fieldRead(e);
  const field = read ? fieldDeps(read.child, (x) => depsOfExpr(x))?.get(read.name.toLowerCase()) : undefined;
  if (field) {
    // One known field of a struct: its own inputs only, read as an extraction.
    const m = through(mode, 'TRANSFORMATION');
    for (const d of field.deps) addDep(out, compose(m, d));
    return;
  }
  (HANDLERS[e.kind] as (x: BoundExpr, m: Mode, o: DepSet) => void)(e, mode, out);
}

/** The sorted, deduplicated deps of an expression read in `mode`. */
export function depsOfExpr(e: BoundExpr, mode: Mode = IDENTITY): Dep[] {
  const s: DepSet = new Set();
  exprDeps(e, mode, s);
  return sortedDeps(s);
}
