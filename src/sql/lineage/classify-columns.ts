// Pass 5: propagates classification. A source column's tags and a model's sidecar tags flow
// along DIRECT lineage edges that do not mask; a column's classification is the sorted union.
// Runs in topological order so upstream models are classified first.
import type { CompileState } from '../compile-state.js';
import type { Column } from '../../objects/types.js';

export function classifyColumns(state: CompileState): void {
  const tags = new Map<string, readonly string[]>(); // `<input>.<column lower>` -> tags
  for (const s of state.sourcesByName.values()) {
    for (const c of s.columns) if (c.classification.length > 0) tags.set(`${s.name}.${c.name.toLowerCase()}`, c.classification);
  }
  const byName = new Map(state.models.map((m) => [m.input.name, m]));
  for (const name of state.order) {
    const m = byName.get(name)!;
    if (m.failed || !m.columns || !m.lineage) continue;
    const sidecarEntries = Object.entries(m.input.classification);
    if (tags.size === 0 && sidecarEntries.length === 0) continue; // nothing classified upstream or here
    const sidecar = new Map(sidecarEntries.map(([k, v]) => [k.toLowerCase(), v]));
    const perColumn = new Map<string, Set<string>>(m.columns.map((c) => [c.name, new Set(sidecar.get(c.name.toLowerCase()) ?? [])]));
    for (const e of m.lineage) {
      if (e.type !== 'DIRECT' || e.masking) continue;
      const dot = e.from.indexOf('.');
      const t = tags.get(`${e.from.slice(0, dot)}.${e.from.slice(dot + 1).toLowerCase()}`);
      if (t) for (const x of t) perColumn.get(e.to)?.add(x);
    }
    const columns: Column[] = m.columns.map((c) => ({ name: c.name, type: c.type, classification: [...perColumn.get(c.name)!].sort() }));
    m.columns = columns;
    for (const c of columns) if (c.classification.length > 0) tags.set(`${m.input.name}.${c.name.toLowerCase()}`, c.classification);
  }
}
