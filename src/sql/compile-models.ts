// Compiles a project's models: runs the passes of passes.ts over DuckDB parse trees and returns
// the models that compiled, their topological order, and every diagnostic at once. Pure.
import type { CompileModelsResult, SqlModelInput, SqlSourceInput } from './types.js';
import { buildCompileState } from './compile-state.js';
import { PASSES } from './passes.js';

export function compileModels(models: readonly SqlModelInput[], sources: readonly SqlSourceInput[]): CompileModelsResult {
  const state = buildCompileState(models, sources);
  for (const pass of PASSES) pass.run(state);
  return { models: state.drafts, columns: state.columns, order: state.order, diagnostics: state.diagnostics };
}
