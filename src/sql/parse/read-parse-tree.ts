// Reads one model's DuckDB parse tree (JSON text) into the internal AST, or into the problem to
// report: a parse error, a statement that is not a SELECT, several statements, or a construct
// the mapper does not support. Pure and per model, so a caller can read each tree as soon as the
// parser delivers it (compile-plan does, while DuckDB parses the rest).
import type { Json } from './json.js';
import type { QueryNode } from './ast.js';
import type { SqlDiagnosticCode } from '../diagnostic-codes.js';
import { mapQuery, UnsupportedSql, locOf } from './map-duckdb-tree.js';

export interface TreeProblem {
  readonly code: SqlDiagnosticCode;
  readonly message: string;
  /** Offset in the model's text (-1: start of file), in UTF-8 bytes unless `unit` says code points. */
  readonly offset: number;
  readonly unit?: 'codepoint';
  readonly hint?: string;
}

/** A tree read: the AST, or why there is none. */
export type ReadTree = { readonly ast: QueryNode } | { readonly problem: TreeProblem };

function firstLoc(node: Json): number {
  const items = (node?.select_list ?? []) as Json[];
  const l = items.length > 0 ? locOf(items[0]) : -1;
  return l >= 7 ? l - 7 : l; // roughly the SELECT keyword before the first item
}

export function readParseTree(name: string, treeText: string): ReadTree {
  let tree: Json;
  try {
    tree = JSON.parse(treeText);
  } catch {
    throw new Error(`invariant: model ${name} has a parse tree that is not JSON`);
  }
  if (tree.error === true) {
    const msg = String(tree.error_message ?? 'parse error');
    if (/Only SELECT statements/i.test(msg)) {
      return { problem: { code: 'SQL_NOT_SELECT', message: 'a model must be a single SELECT (or WITH ... SELECT)', offset: -1, hint: 'move DDL and other statements out of models/' } };
    }
    const pos = tree.position !== undefined ? Number(tree.position) : -1;
    return { problem: { code: 'SQL_PARSE_ERROR', message: msg, offset: Number.isFinite(pos) ? pos : -1, unit: 'codepoint' } };
  }
  const statements = (tree.statements ?? []) as Json[];
  if (statements.length !== 1) {
    const second = statements[1]?.node;
    return {
      problem: {
        code: statements.length === 0 ? 'SQL_NOT_SELECT' : 'SQL_MULTIPLE_STATEMENTS',
        message: statements.length === 0 ? 'the model holds no statement' : `the model holds ${statements.length} statements; a model is one SELECT`,
        offset: second ? firstLoc(second) : -1,
        ...(statements.length > 1 ? { hint: 'remove the extra statements (and the semicolon between them)' } : {}),
      },
    };
  }
  try {
    return { ast: mapQuery(statements[0].node) };
  } catch (e) {
    if (!(e instanceof UnsupportedSql)) throw e;
    return { problem: { code: 'SQL_UNSUPPORTED', message: `unsupported SQL: ${e.message}`, offset: e.loc } };
  }
}
