// Pass 1: reads each model's DuckDB parse tree into the internal AST (read-parse-tree.ts), unless
// the caller read it already (SqlModelInput.read). Parse errors, non-SELECT statements and
// several statements become diagnostics.
import type { CompileState } from '../compile-state.js';
import { reportAt } from '../compile-state.js';
import { readParseTree, type TreeProblem } from './read-parse-tree.js';

/** `PIVOT t ON ...` / `UNPIVOT t ON ...` statements: DuckDB's serializer refuses them as
 *  "not a SELECT"; say what to write instead (the FROM-clause form, which is analyzed). */
const PIVOT_STATEMENT = /^(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*(?:FROM\s+\S+\s+)?(UN)?PIVOT\b/i;
function pivotStatement(p: TreeProblem, text: string): TreeProblem {
  const m = p.code === 'SQL_NOT_SELECT' ? PIVOT_STATEMENT.exec(text) : null;
  if (!m) return p;
  const kw = m[1] ? 'UNPIVOT' : 'PIVOT';
  return {
    code: 'SQL_UNSUPPORTED',
    message: `the ${kw} statement form cannot be analyzed`,
    offset: -1,
    hint: kw === 'PIVOT' ? 'write SELECT * FROM t PIVOT (sum(x) FOR col IN (\'a\', \'b\') GROUP BY g)' : 'write SELECT * FROM t UNPIVOT (value FOR name IN (a, b))',
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
    const p = pivotStatement(read.problem, m.input.text);
    reportAt(state, m, p.code, p.message, p.offset, p.hint, p.unit ?? 'byte');
  }
}
