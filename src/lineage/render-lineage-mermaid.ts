// Renders a trace as a mermaid `flowchart LR`. Node ids are generated (n0, n1, ...) because
// column names may hold characters mermaid ids cannot; labels carry the real names.
import { nodeKey } from './build-lineage-graph.js';
import type { LineageTrace } from './types.js';

export function renderLineageMermaid(trace: LineageTrace): string {
  const ids = new Map<string, string>();
  const lines = ['flowchart LR'];
  const id = (node: string): string => {
    let v = ids.get(nodeKey(node));
    if (!v) {
      v = `n${ids.size}`;
      ids.set(nodeKey(node), v);
      lines.push(`  ${v}["${node.replace(/"/g, '#quot;')}"]`);
    }
    return v;
  };
  if (trace.column.includes('.')) id(trace.column);
  const edgeLines = trace.edges.map((e) => {
    const arrow = e.type === 'INDIRECT' ? '-.->' : '-->';
    return `  ${id(e.from)} ${arrow}|${e.subtype}${e.masking ? ' masked' : ''}| ${id(e.to)}`;
  });
  return `${[...lines, ...edgeLines].join('\n')}\n`;
}
