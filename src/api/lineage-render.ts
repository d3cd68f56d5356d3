// Text renderings of lineage results for clients (the CLI): traces as text, dot or mermaid,
// lineage diffs as markdown. JSON is the data itself.
import { renderLineageDot } from '../lineage/render-lineage-dot.js';
import { renderLineageMermaid } from '../lineage/render-lineage-mermaid.js';
import { renderLineageText } from '../lineage/render-lineage-text.js';
import type { LineageTrace } from '../lineage/types.js';

export { renderLineageDiffMarkdown } from '../lineage/render-lineage-diff-markdown.js';

export function renderLineage(trace: LineageTrace, format: 'text' | 'dot' | 'mermaid'): string {
  const renderers: Record<typeof format, (t: LineageTrace) => string> = { text: renderLineageText, dot: renderLineageDot, mermaid: renderLineageMermaid };
  return renderers[format](trace);
}
