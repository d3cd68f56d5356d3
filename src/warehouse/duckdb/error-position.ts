// Where in the executed SQL DuckDB says an error is: its message ends with the offending line
// ("LINE <n>: <text>", possibly cut to a window with "..." at either end) and a caret under the
// spot. Returns the 1-based line and column in `sql` (code units), or null without a position.
export function errorPosition(message: string, sql: string): { line: number; column: number } | null {
  const m = /\nLINE (\d+): ([^\n]*)\n( *)\^\s*$/.exec(message);
  if (!m) return null;
  const line = Number(m[1]);
  const prefix = `LINE ${m[1]}: `.length;
  let shown = m[2];
  let caret = m[3].length - prefix;
  const lines = sql.split('\n');
  const text = lines[line - 1];
  if (text === undefined) return null;
  let start = 0;
  if (shown.startsWith('...')) {
    shown = shown.slice(3);
    caret -= 3;
    const body = shown.endsWith('...') ? shown.slice(0, -3) : shown;
    start = text.indexOf(body);
    if (start < 0) return null;
  }
  return { line, column: start + Math.max(0, caret) + 1 };
}

/** DuckDB's message without its position excerpt and candidate lists: the first paragraph,
 *  tab-indented lines left out ("Did you mean" hints kept). */
export function errorHeadline(message: string): string {
  const lines: string[] = [];
  for (const line of message.split('\n')) {
    if (line.trim() === '') break;
    if (line.startsWith('\t')) continue;
    lines.push(line.trim());
  }
  return lines.join(' ');
}

/** Where a name DuckDB's message quotes (`with name "st_point"`) is first called in `text`, for
 *  the errors that come without an excerpt. */
export function namedCallPosition(message: string, text: string): { line: number; column: number } | null {
  const m = /with name "?([A-Za-z_][A-Za-z0-9_]*)"?/.exec(message);
  if (!m) return null;
  const at = new RegExp(`\\b${m[1]}\\s*\\(`, 'i').exec(text);
  if (!at) return null;
  const before = text.slice(0, at.index).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
