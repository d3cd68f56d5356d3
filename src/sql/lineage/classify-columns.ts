// Pass 5: propagates classification. A source column's tags and a model's sidecar tags flow
// along DIRECT lineage edges that do not mask; a column's classification is the sorted union,
// and for each tag it keeps the path it came through (the first by sorted edge order, so the
// result is deterministic). Runs in topological order so upstream models are classified first.
import type { CompileState } from '../compile-state.js';
import type { Column } from '../../objects/types.js';

type Paths = ReadonlyMap<string, readonly string[]>; // tag -> path ending at the column

export function classifyColumns(state: CompileState): void {
  // `<input>.<column lower>` -> the tags it carries, each with its path.
  const tags = new Map<string, Paths>();
  for (const s of state.sourcesByName.values()) {
    for (const c of s.columns) {
      if (c.classification.length > 0) tags.set(`${s.name}.${c.name.toLowerCase()}`, new Map(c.classification.map((t) => [t, [`${s.name}.${c.name}`]])));
    }
  }
  const byName = new Map(state.models.map((m) => [m.input.name, m]));
  for (const name of state.order) {
    const m = byName.get(name)!;
    if (m.failed || !m.columns || !m.lineage) continue;
    if (m.input.precompiled) {
      // Classified when it was compiled: only what it carries downstream is needed.
      for (const c of m.columns) {
        if (c.classification_path) tags.set(`${name}.${c.name.toLowerCase()}`, new Map(Object.entries(c.classification_path)));
      }
      continue;
    }
    const sidecarEntries = Object.entries(m.input.classification);
    if (tags.size === 0 && sidecarEntries.length === 0) continue; // nothing classified upstream or here
    const sidecar = new Map(sidecarEntries.map(([k, v]) => [k.toLowerCase(), v]));
    const perColumn = new Map<string, Map<string, readonly string[]>>(m.columns.map((c) => [
      c.name, new Map((sidecar.get(c.name.toLowerCase()) ?? []).map((t) => [t, [`${name}.${c.name}`]])),
    ]));
    const edges = [...m.lineage].sort((a, b) => (a.to === b.to ? (a.from < b.from ? -1 : a.from > b.from ? 1 : 0) : a.to < b.to ? -1 : 1));
    for (const e of edges) {
      if (e.type !== 'DIRECT' || e.masking) continue;
      const dot = e.from.indexOf('.');
      const carried = tags.get(`${e.from.slice(0, dot)}.${e.from.slice(dot + 1).toLowerCase()}`);
      const target = perColumn.get(e.to);
      if (!carried || !target) continue;
      for (const [t, path] of carried) if (!target.has(t)) target.set(t, [...path, `${name}.${e.to}`]);
    }
    const columns: Column[] = m.columns.map((c) => {
      const found = perColumn.get(c.name)!;
      const classification = [...found.keys()].sort();
      if (classification.length === 0) return { name: c.name, type: c.type, classification };
      return { name: c.name, type: c.type, classification, classification_path: Object.fromEntries(classification.map((t) => [t, found.get(t)!])) };
    });
    m.columns = columns;
    for (const c of columns) {
      if (c.classification_path) tags.set(`${name}.${c.name.toLowerCase()}`, new Map(Object.entries(c.classification_path)));
    }
  }
}
