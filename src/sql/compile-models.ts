// Compiles a project's models: runs the passes of passes.ts over DuckDB parse trees and returns
// the models that compiled, their topological order, and every diagnostic at once. Pure.
import type { CompileModelsResult, SqlModelInput, SqlSourceInput } from './types.js';
import { buildCompileState } from './compile-state.js';
import { PASSES } from './passes.js';

/** With `namespace` (every model and source name of the project, in its order), the models and
 *  sources given may be a part of the project that holds all that the compiled models read: hints
 *  that look across the project (did-you-mean) still see all of it. */
export function compileModels(models: readonly SqlModelInput[], sources: readonly SqlSourceInput[], namespace: readonly string[] | null = null): CompileModelsResult {
  const state = buildCompileState(models, sources, namespace);
  for (const pass of PASSES) pass.run(state);
  const unsure = state.models.filter((m) => m.unsure && !m.failed && state.columns.has(m.input.name)).map((m) => m.input.name);
  return { models: state.drafts, columns: state.columns, order: state.order, diagnostics: state.diagnostics, unsure };
}
