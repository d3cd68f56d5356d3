// Renders a trace as an indented tree: each traced column, then the columns it reads from
// (upstream) or feeds (downstream), one level of indentation per edge hop.
import { nodeKey } from './build-lineage-graph.js';
import type { LineageTrace, QualifiedEdge } from './types.js';

export function renderLineageText(trace: LineageTrace): string {
  const up = trace.direction === 'upstream';
  const children = new Map<string, QualifiedEdge[]>();
  const roots: string[] = [];
  const pointed = new Set<string>();
  for (const e of trace.edges) {
    const near = up ? e.to : e.from;
    const far = up ? e.from : e.to;
    const list = children.get(nodeKey(near));
    if (list) list.push(e);
    else { children.set(nodeKey(near), [e]); roots.push(near); }
    pointed.add(nodeKey(far));
  }
  const starts = roots.filter((r) => !pointed.has(nodeKey(r)));
  if (trace.edges.length === 0) return `${trace.column}: no ${trace.direction} lineage\n`;
  const lines: string[] = [];
  // Diamonds are common (one source column feeding many paths); print each subtree once.
  const expanded = new Set<string>();
  const walk = (node: string, indent: string): void => {
    for (const e of children.get(nodeKey(node)) ?? []) {
      const far = up ? e.from : e.to;
      const again = expanded.has(nodeKey(far)) && children.has(nodeKey(far));
      lines.push(`${indent}${up ? '<-' : '->'} ${far}  ${e.type}/${e.subtype}${e.masking ? ' masked' : ''}${again ? ' (see above)' : ''}`);
      if (!again) {
        expanded.add(nodeKey(far));
        walk(far, `${indent}   `);
      }
    }
  };
  for (const s of starts.length ? starts : roots.slice(0, 1)) {
    lines.push(s);
    walk(s, '  ');
  }
  return `${lines.join('\n')}\n`;
}
