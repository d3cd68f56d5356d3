// The lineage layer's face for api/: graph index, traces, diff and renderers.
export type * from './types.js';
export { buildLineageGraph, type LineagePlan } from './build-lineage-graph.js';
export { traceLineage, traceUpstream, traceDownstream } from './trace-lineage.js';
export { resolveLineageTarget } from './resolve-lineage-target.js';
export { diffLineage, type LineageDiff, type ModelChange, type ColumnChange, type ColumnChangeKind } from './diff-lineage.js';
export { isNarrowing } from './is-narrowing.js';
export { renderLineageDiffMarkdown } from './render-lineage-diff-markdown.js';
export { renderLineageText } from './render-lineage-text.js';
export { renderLineageDot } from './render-lineage-dot.js';
export { renderLineageMermaid } from './render-lineage-mermaid.js';
