// Pass 7: turns every model that compiled (and whose upstream compiled) into its
// CompiledModelDraft, and restricts the topological order to those models.
import type { CompileState } from './compile-state.js';
import { normalizeSql } from './render/render-models.js';

export function assembleDrafts(state: CompileState): void {
  const byName = new Map(state.models.map((m) => [m.input.name, m]));
  const order: string[] = [];
  for (const name of state.order) {
    const m = byName.get(name)!;
    if (m.failed || !m.columns) continue;
    if (m.input.precompiled) {
      order.push(name);
      state.columns.set(name, m.columns);
      continue;
    }
    if (!m.lineage || m.rendered === null) continue;
    order.push(name);
    state.columns.set(name, m.columns);
    state.drafts.set(name, {
      name,
      sql: normalizeSql(m.input.text),
      rendered: m.rendered,
      volatile: m.volatile,
      columns: m.columns,
      lineage: m.lineage,
      inputs: [...m.inputs].map(([n, kind]) => ({ name: n, kind })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    });
  }
  state.order = order;
}
