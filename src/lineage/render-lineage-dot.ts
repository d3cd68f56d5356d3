// Renders a trace as a graphviz digraph: one cluster per model or source, INDIRECT edges dashed.
import type { LineageTrace } from './types.js';

const q = (s: string): string => `"${s.replace(/["\\]/g, '\\$&')}"`;

export function renderLineageDot(trace: LineageTrace): string {
  const byRelation = new Map<string, Set<string>>();
  const add = (id: string): void => {
    const rel = id.slice(0, id.indexOf('.'));
    const set = byRelation.get(rel) ?? new Set<string>();
    set.add(id);
    byRelation.set(rel, set);
  };
  add(trace.column.includes('.') ? trace.column : `${trace.column}.`);
  for (const e of trace.edges) { add(e.from); add(e.to); }
  const lines = ['digraph lineage {', '  rankdir=LR;', '  node [shape=box, fontname="Helvetica"];'];
  let i = 0;
  for (const [rel, ids] of byRelation) {
    const cols = [...ids].filter((id) => !id.endsWith('.'));
    if (cols.length === 0) continue;
    lines.push(`  subgraph cluster_${i++} {`, `    label=${q(rel)};`);
    for (const id of cols) lines.push(`    ${q(id)} [label=${q(id.slice(rel.length + 1))}];`);
    lines.push('  }');
  }
  for (const e of trace.edges) {
    const attrs = [`label=${q(e.subtype)}`, ...(e.type === 'INDIRECT' ? ['style=dashed'] : []), ...(e.masking ? ['color=red'] : [])];
    lines.push(`  ${q(e.from)} -> ${q(e.to)} [${attrs.join(', ')}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
