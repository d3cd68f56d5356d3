// Pass 1: reads each model's DuckDB parse tree (JSON text, parsed once) into the internal AST.
// Parse errors, non-SELECT statements and several statements become diagnostics.
import type { CompileState } from '../compile-state.js';
import { reportAt } from '../compile-state.js';
import type { Json } from './json.js';
import { mapQuery, UnsupportedSql, locOf } from './map-duckdb-tree.js';

function firstLoc(node: Json): number {
  const items = (node?.select_list ?? []) as Json[];
  const l = items.length > 0 ? locOf(items[0]) : -1;
  return l >= 7 ? l - 7 : l; // roughly the SELECT keyword before the first item
}

export function parseModels(state: CompileState): void {
  for (const m of state.models) {
    if (m.input.precompiled) continue;
    if (m.input.tree === null) throw new Error(`invariant: model ${m.input.name} has neither a parse tree nor a precompiled result`);
    let tree: Json;
    try {
      tree = JSON.parse(m.input.tree);
    } catch {
      throw new Error(`invariant: model ${m.input.name} has a parse tree that is not JSON`);
    }
    if (tree.error === true) {
      const msg = String(tree.error_message ?? 'parse error');
      if (/Only SELECT statements/i.test(msg)) {
        reportAt(state, m, 'SQL_NOT_SELECT', 'a model must be a single SELECT (or WITH ... SELECT)', -1, 'move DDL and other statements out of models/');
      } else {
        const pos = tree.position !== undefined ? Number(tree.position) : -1;
        reportAt(state, m, 'SQL_PARSE_ERROR', msg, Number.isFinite(pos) ? pos : -1, undefined, 'codepoint');
      }
      continue;
    }
    const statements = (tree.statements ?? []) as Json[];
    if (statements.length !== 1) {
      const second = statements[1]?.node;
      reportAt(state, m, statements.length === 0 ? 'SQL_NOT_SELECT' : 'SQL_MULTIPLE_STATEMENTS',
        statements.length === 0 ? 'the model holds no statement' : `the model holds ${statements.length} statements; a model is one SELECT`,
        second ? firstLoc(second) : -1, statements.length > 1 ? 'remove the extra statements (and the semicolon between them)' : undefined);
      continue;
    }
    try {
      m.ast = mapQuery(statements[0].node);
    } catch (e) {
      if (!(e instanceof UnsupportedSql)) throw e;
      reportAt(state, m, 'SQL_UNSUPPORTED', `unsupported SQL: ${e.message}`, e.loc);
    }
  }
}
