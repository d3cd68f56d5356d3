// The form of a model's SQL that lineage-diff compares to tell whether the query changed:
// comments dropped, whitespace runs collapsed to one space and dropped next to `, ( ) ;`, all
// outside string literals and quoted names. Re-indenting or re-commenting a model is then no
// change, while `> 100` -> `> 200` is. Only whitespace that never matters to SQL is ignored.

/** Characters that end a token by themselves: whitespace next to them carries no meaning. */
const SEPARATORS = new Set([',', '(', ')', ';', '[', ']']);

/** Index just past a quoted token starting at `i` (a doubled quote is an escaped one). */
function endOfQuoted(sql: string, i: number): number {
  const q = sql[i];
  let j = i + 1;
  while (j < sql.length) {
    if (sql[j] === q) {
      if (sql[j + 1] === q) j += 2;
      else return j + 1;
    } else j++;
  }
  return j;
}

/** Index just past a block comment starting at `i`; they nest, as in DuckDB's (Postgres) lexer. */
function endOfBlockComment(sql: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < sql.length) {
    if (sql.startsWith('/*', j)) {
      depth++;
      j += 2;
    } else if (sql.startsWith('*/', j)) {
      depth--;
      j += 2;
      if (depth === 0) return j;
    } else j++;
  }
  return j;
}

export function normalizeModelSql(sql: string): string {
  let out = '';
  let space = false;
  for (let i = 0; i < sql.length;) {
    const c = sql[i];
    let next = i + 1;
    let token: string | null = null;
    if (c === "'" || c === '"') {
      next = endOfQuoted(sql, i);
      token = sql.slice(i, next);
    } else if (sql.startsWith('--', i)) {
      const nl = sql.indexOf('\n', i);
      next = nl < 0 ? sql.length : nl + 1;
    } else if (sql.startsWith('/*', i)) {
      next = endOfBlockComment(sql, i);
    } else if (!/\s/.test(c)) {
      token = c;
    }
    if (token === null) space = true; // whitespace and comments separate tokens, nothing more
    else {
      if (space && out !== '' && !SEPARATORS.has(out[out.length - 1]) && !SEPARATORS.has(token[0])) out += ' ';
      out += token;
      space = false;
    }
    i = next;
  }
  return out.replace(/\s*;$/, '');
}
