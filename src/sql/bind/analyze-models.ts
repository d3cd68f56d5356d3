// Pass 4: binds each model in topological order against its inputs' schemas (upstream models'
// inferred columns, sources' declared ones): name resolution inside the query, `*` expansion,
// type inference and column lineage happen in this one walk (bind-query.ts). Models whose
// upstream failed are skipped with a single SQL_UPSTREAM_FAILED warning.
import type { CompileState, ModelState } from '../compile-state.js';
import { reportAt } from '../compile-state.js';
import { SQL_DIAGNOSTICS } from '../diagnostic-codes.js';
import { UNKNOWN } from '../types/type-text.js';
import type { LineageEdge } from '../../objects/types.js';
import type { Relation } from './bound.js';
import type { BindContext } from './bind-context.js';
import { bindQuery } from './bind-query.js';
import { mergedDeps, rootDep } from '../lineage/dep-set.js';

function inputRelation(input: string, columns: readonly { readonly name: string; readonly type: string }[]): Relation {
  return {
    columns: columns.map((c) => ({ name: c.name, type: c.type, deps: [rootDep(`${input}.${c.name}`)] })),
    rowDeps: [],
  };
}

/** Edges into each output column (in column order): its own deps plus the query's row deps. */
function lineageOf(rel: Relation): LineageEdge[] {
  const edges: LineageEdge[] = [];
  for (const c of rel.columns) {
    for (const d of mergedDeps(c.deps, rel.rowDeps)) edges.push({ to: c.name, from: d.from, type: d.type, subtype: d.subtype, masking: d.type === 'DIRECT' && d.masking });
  }
  return edges;
}

export function analyzeModels(state: CompileState): void {
  // Built on first read: most precompiled models are read by no model being analyzed.
  const relations = new Map<string, Relation>();
  const columnsOf = new Map<string, readonly { readonly name: string; readonly type: string }[]>();
  for (const s of state.sourcesByName.values()) columnsOf.set(s.name, s.columns);
  const relationOf = (name: string): Relation => {
    let rel = relations.get(name);
    if (!rel) relations.set(name, (rel = inputRelation(name, columnsOf.get(name)!)));
    return rel;
  };
  const byName = new Map<string, ModelState>();
  for (const m of state.models) byName.set(m.input.name, m);

  for (const name of state.order) {
    const m = byName.get(name)!;
    if (m.input.precompiled && !m.failed) {
      // Taken as given; if something it reads failed, it is left out without a diagnostic (the
      // caller compiles it from its text then, which reports the failure at its location).
      if ([...m.inputs].some(([n, kind]) => kind === 'model' && byName.get(n)?.columns == null)) {
        m.failed = true;
        continue;
      }
      m.columns = [...m.input.precompiled.columns];
      m.lineage = [];
      columnsOf.set(m.input.name, m.columns);
      continue;
    }
    if (m.failed || !m.ast) continue;
    const failed = m.inputRefs.find((r) => m.inputs.get(r.name) === 'model' && byName.get(r.name)?.columns == null);
    if (failed) {
      reportAt(state, m, 'SQL_UPSTREAM_FAILED', `skipped: model "${failed.name}" it reads did not compile`, failed.ref.loc);
      m.failed = true;
      continue;
    }
    const inputs = new Map<string, Relation>();
    for (const input of m.inputs.keys()) inputs.set(input, relationOf(input));
    const doubt = { unsure: false };
    const ctx: BindContext = {
      inputs,
      resolutions: m.resolutions,
      report: (code, message, loc, hint) => reportAt(state, m, code, message, loc, hint),
      doubt: m.input.binder ? undefined : doubt,
    };
    const rel = bindQuery(m.ast, ctx, null, null, true);
    // The AST is no longer needed (render uses inputRefs): let it go to keep the live heap small.
    m.ast = null;
    m.resolutions.clear();
    const seen = new Set<string>();
    for (const c of rel.columns) {
      const key = c.name.toLowerCase();
      if (seen.has(key)) reportAt(state, m, 'SQL_DUPLICATE_COLUMN', `output column "${c.name}" appears more than once`, -1, 'alias one of them');
      seen.add(key);
    }
    if (m.failed) continue;
    const answer = m.input.binder;
    if (answer && 'error' in answer) {
      // DuckDB would reject the model: an error at its position, not a failure at run time.
      const { line, column } = answer.error;
      state.diagnostics.push({ code: 'SQL_TYPE_ERROR', severity: SQL_DIAGNOSTICS.SQL_TYPE_ERROR.severity, message: answer.error.message, file: m.input.file, line, column });
      m.failed = true;
      continue;
    }
    m.columns = rel.columns.map((c) => ({ name: c.name, type: c.type, classification: [] }));
    if (answer) {
      // DuckDB's types are the truth; names stay the compiler's (lineage is keyed by them) unless
      // the binder sees another number of columns, which would be a compiler bug: take DuckDB's.
      m.columns = answer.columns.length === m.columns.length
        ? m.columns.map((c, i) => ({ ...c, type: answer.columns[i].type }))
        : answer.columns.map((c) => ({ name: c.name, type: c.type, classification: [] }));
    } else {
      m.unsure = doubt.unsure || m.columns.some((c) => c.type === UNKNOWN);
    }
    m.lineage = lineageOf(rel);
    columnsOf.set(m.input.name, m.columns);
  }
}
