// Pass 1: reads each model's DuckDB parse tree into the internal AST (read-parse-tree.ts), unless
// the caller read it already (SqlModelInput.read). Parse errors, non-SELECT statements and
// several statements become diagnostics.
import type { CompileState } from '../compile-state.js';
import { reportAt } from '../compile-state.js';
import { readParseTree } from './read-parse-tree.js';

export function parseModels(state: CompileState): void {
  for (const m of state.models) {
    if (m.input.precompiled) continue;
    const read = m.input.read ?? (m.input.tree !== null ? readParseTree(m.input.name, m.input.tree) : null);
    if (read === null) throw new Error(`invariant: model ${m.input.name} has neither a parse tree nor a precompiled result`);
    if ('ast' in read) {
      m.ast = read.ast;
      continue;
    }
    const p = read.problem;
    reportAt(state, m, p.code, p.message, p.offset, p.hint, p.unit ?? 'byte');
  }
}
