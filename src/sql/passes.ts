// The compiler's passes, in the order compileModels runs them. Each pass reads and fills the
// per-call CompileState. Binding, `*` expansion, type inference and lineage share one walk per
// model (analyze): each needs the previous one's result for the same scope, and one walk keeps
// 10,000 models fast. Their logic lives apart: bind/, bind/expand-star.ts, types/, lineage/.
import type { CompileState } from './compile-state.js';
import { parseModels } from './parse/parse-models.js';
import { resolveNames } from './resolve/resolve-names.js';
import { buildDag } from './resolve/build-dag.js';
import { analyzeModels } from './bind/analyze-models.js';
import { classifyColumns } from './lineage/classify-columns.js';
import { findVolatile } from './volatile/find-volatile.js';
import { markVolatile } from './volatile/mark-volatile.js';
import { renderModels } from './render/render-models.js';
import { assembleDrafts } from './assemble-drafts.js';

export interface Pass {
  readonly name: string;
  readonly run: (state: CompileState) => void;
}

export const PASSES: readonly Pass[] = [
  { name: 'parse', run: parseModels },
  { name: 'resolve-names', run: resolveNames },
  { name: 'build-dag', run: buildDag },
  { name: 'find-volatile', run: findVolatile },
  { name: 'analyze (bind, expand stars, infer types, lineage)', run: analyzeModels },
  { name: 'classify', run: classifyColumns },
  { name: 'mark-volatile', run: markVolatile },
  { name: 'render', run: renderModels },
  { name: 'assemble', run: assembleDrafts },
];
