// Pass 1: reads each model's DuckDB parse tree into the internal AST (read-parse-tree.ts), unless
// the caller read it already (SqlModelInput.read). Parse errors, non-SELECT statements and
// several statements become diagnostics.
import type { CompileState } from '../compile-state.js';
import { reportAt } from '../compile-state.js';
import { readParseTree, type TreeProblem } from './read-parse-tree.js';

/** DuckDB cannot hand over a PIVOT statement, nor a PIVOT without an IN list (it rewrites both
 *  into several statements that first read the data): say that, not "not a SELECT". */
function pivotProblem(p: TreeProblem, text: string): TreeProblem {
  if (p.code !== 'SQL_NOT_SELECT' || !/\b(UN)?PIVOT\b/i.test(text)) return p;
  return {
    code: 'SQL_UNSUPPORTED',
    message: 'a PIVOT statement, or a PIVOT without an IN list, cannot be analyzed: its columns depend on the data',
    offset: -1,
    hint: "write SELECT * FROM (PIVOT t ON k IN ('a', 'b') USING sum(x)), or t PIVOT (sum(x) FOR k IN ('a', 'b'))",
  };
}

export function parseModels(state: CompileState): void {
  for (const m of state.models) {
    if (m.input.precompiled) continue;
    const read = m.input.read ?? (m.input.tree !== null ? readParseTree(m.input.name, m.input.tree) : null);
    if (read === null) throw new Error(`invariant: model ${m.input.name} has neither a parse tree nor a precompiled result`);
    if ('ast' in read) {
      m.ast = read.ast;
      continue;
    }
    const p = pivotProblem(read.problem, m.input.text);
    reportAt(state, m, p.code, p.message, p.offset, p.hint, p.unit ?? 'byte');
  }
}
