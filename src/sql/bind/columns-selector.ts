// Picks the columns a COLUMNS(...) selects among those its star produces, as DuckDB's binder
// does: COLUMNS(*) takes them all; COLUMNS('regex') those whose name the RE2 regex matches
// anywhere (a partial, case-sensitive match); COLUMNS(['a', 'b']) the listed names
// (case-insensitive; each must exist); COLUMNS(c -> ...) those the lambda keeps. Order is the
// star's, never the list's. Problems come back as messages; the caller reports them.
import type { Expr, LambdaExpr } from '../parse/ast.js';
import { compileRe2 } from './re2-regex.js';
import { lambdaKeeps } from './columns-lambda.js';

export type ColumnsSelector =
  | { readonly kind: 'all' }
  | { readonly kind: 'regex'; readonly pattern: string; readonly re: RegExp }
  | { readonly kind: 'names'; readonly names: readonly string[] }
  | { readonly kind: 'lambda'; readonly lambda: LambdaExpr };

export interface SelectorProblem {
  readonly code: 'SQL_UNSUPPORTED' | 'SQL_UNKNOWN_COLUMN';
  readonly message: string;
}

const LIST_FUNCTIONS = new Set(['list_value', 'list_pack']);

function isText(e: Expr): e is Extract<Expr, { kind: 'constant' }> {
  return e.kind === 'constant' && !e.isNull && e.type === 'VARCHAR';
}

/** Reads the argument of COLUMNS(...) (null for COLUMNS(*) and COLUMNS(t.*)). */
export function readSelector(arg: Expr | null): ColumnsSelector | SelectorProblem {
  if (arg === null) return { kind: 'all' };
  if (isText(arg)) {
    const pattern = String(arg.value);
    const re = compileRe2(pattern);
    if (re instanceof RegExp) return { kind: 'regex', pattern, re };
    return { code: 'SQL_UNSUPPORTED', message: `COLUMNS('${pattern}'): ${re.reason}` };
  }
  if (arg.kind === 'function' && LIST_FUNCTIONS.has(arg.name) && arg.args.length > 0 && arg.args.every(isText)) {
    return { kind: 'names', names: arg.args.map((a) => String((a as Extract<Expr, { kind: 'constant' }>).value)) };
  }
  if (arg.kind === 'function' && arg.name === 'list_filter' && arg.args[0]?.kind === 'star' && arg.args[1]?.kind === 'lambda') {
    return { kind: 'lambda', lambda: arg.args[1] };
  }
  return { code: 'SQL_UNSUPPORTED', message: 'COLUMNS(...) takes a regex string, a list of column names, a star or a lambda; this argument cannot be analyzed' };
}

/** Indexes of the names the selector keeps, in the star's order, or the problem. */
export function selectColumns(sel: ColumnsSelector, names: readonly string[]): readonly number[] | SelectorProblem {
  const all = names.map((_, i) => i);
  switch (sel.kind) {
    case 'all':
      return all;
    case 'regex': {
      const kept = all.filter((i) => sel.re.test(names[i]));
      return kept.length > 0 ? kept : { code: 'SQL_UNKNOWN_COLUMN', message: `COLUMNS('${sel.pattern}') matches no column` };
    }
    case 'names': {
      const wanted = new Set(sel.names.map((n) => n.toLowerCase()));
      const missing = sel.names.find((n) => !names.some((x) => x.toLowerCase() === n.toLowerCase()));
      if (missing !== undefined) return { code: 'SQL_UNKNOWN_COLUMN', message: `COLUMNS([...]): column "${missing}" is not in the FROM clause` };
      return all.filter((i) => wanted.has(names[i].toLowerCase()));
    }
    case 'lambda': {
      const kept: number[] = [];
      for (const i of all) {
        const keep = lambdaKeeps(sel.lambda, names[i]);
        if (typeof keep !== 'boolean') return { code: 'SQL_UNSUPPORTED', message: `COLUMNS(lambda) cannot be evaluated: ${keep.reason} (use a regex: COLUMNS('...'))` };
        if (keep) kept.push(i);
      }
      return kept.length > 0 ? kept : { code: 'SQL_UNKNOWN_COLUMN', message: 'COLUMNS(lambda) keeps no column' };
    }
  }
}
