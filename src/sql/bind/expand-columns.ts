// Expands a select-list item holding COLUMNS(...), alone or inside an expression
// (`min(COLUMNS('amount_.*'))`, `COLUMNS('x|y') + 1`), into one item per selected column, as
// DuckDB does before binding: the item is bound once per column with COLUMNS standing for it.
// Candidates come from the star like `*` (expand-star.ts: EXCLUDE, REPLACE, `t.*`); the
// selection from columns-selector.ts. Names follow DuckDB: the column's name, or the item's
// alias with \0 (the name) and \1..\9 (regex groups) replaced.
import type { Expr, StarExpr } from '../parse/ast.js';
import { exprChildren } from '../parse/walk-tables.js';
import { bindExpr, type ExprEnv } from './bind-expr.js';
import { expandStar, type SelectItem } from './expand-star.js';
import { expressionName } from './expression-name.js';
import { readSelector, selectColumns, type ColumnsSelector } from './columns-selector.js';

/** COLUMNS stars in an expression; not inside subqueries (they expand in their own select list). */
function findColumnsStars(e: Expr, out: StarExpr[]): StarExpr[] {
  if (e.kind === 'star' && e.columns) out.push(e);
  else for (const c of exprChildren(e)) findColumnsStars(c, out);
  return out;
}

/** What DuckDB compares to decide that two COLUMNS in one expression are the same one. */
function starKey(s: StarExpr): string {
  return JSON.stringify(s, (k, v) => (k === 'loc' || k === 'alias' ? undefined : v));
}

/** DuckDB's alias rewrite for COLUMNS: `\\` a backslash, `\0` the column, `\1`..`\9` a regex group. */
function rewriteAlias(alias: string, column: string, sel: ColumnsSelector): string | { readonly problem: string } {
  let out = '';
  for (let i = 0; i < alias.length; i++) {
    if (alias[i] !== '\\') {
      out += alias[i];
      continue;
    }
    const c = alias[++i];
    if (c === '\\') out += '\\';
    else if (c === '0') out += column;
    else if (c !== undefined && c >= '1' && c <= '9') {
      if (sel.kind !== 'regex') return { problem: `alias "${alias}": only \\0 can be used when COLUMNS(...) has no regex` };
      out += sel.re.exec(column)?.[Number(c)] ?? '';
    } else return { problem: `alias "${alias}": a backslash must be followed by a digit or another backslash` };
  }
  return out;
}

/** The expanded items, or null when the item holds no COLUMNS(...). */
export function expandColumns(e: Expr, env: ExprEnv, top: boolean): SelectItem[] | null {
  const stars = findColumnsStars(e, []);
  if (stars.length === 0) return null;
  const star = stars[0];
  const report = (code: 'SQL_UNSUPPORTED' | 'SQL_UNKNOWN_COLUMN', message: string, loc = star.loc): SelectItem[] => {
    env.ctx.report(code, message, loc);
    return [];
  };
  const different = stars.find((s) => starKey(s) !== starKey(star));
  if (different) return report('SQL_UNSUPPORTED', 'different COLUMNS(...) in one expression (DuckDB refuses them)', different.loc);
  if (star.unsupported) return report('SQL_UNSUPPORTED', `COLUMNS(* ${star.unsupported} ...) cannot be analyzed`);
  const selector = readSelector(star.selector);
  if ('code' in selector) return report(selector.code, selector.message);
  const candidates = expandStar(star, env);
  if (candidates.length === 0) return [];
  const kept = selectColumns(selector, candidates.map((c) => c.name));
  if ('code' in kept) return report(kept.code, kept.message);

  const root = e === star;
  const replaced = new Set(star.replace.map((r) => r.name.toLowerCase()));
  const items: SelectItem[] = [];
  for (const i of kept) {
    const c = candidates[i];
    const name = c.name;
    const expr = root ? c.expr : bindExpr(e, { ...env, columns: c.expr });
    // DuckDB renames per column only when COLUMNS stands for a plain column (not a REPLACE).
    const plain = !replaced.has(name.toLowerCase());
    let out = e.alias || (plain || root ? name : '');
    if (plain && e.alias) {
      const r = rewriteAlias(e.alias, name, selector);
      if (typeof r !== 'string') return report('SQL_UNSUPPORTED', `COLUMNS(...) ${r.problem}`, e.loc);
      out = r || (root ? name : '');
    }
    const named = out !== '';
    if (!named) {
      // DuckDB prints the expression with the qualified column: approximated, and said so once.
      out = expressionName(e);
      if (top && !items.some((it) => !it.named)) env.ctx.report('SQL_UNNAMED_COLUMN', `output column has no alias; DuckDB will name it after the expression, like ${JSON.stringify(out)}`, e.loc, 'add AS <name>');
    }
    items.push({ name: out, expr, named });
  }
  return items;
}
