// Compiles a regex written for DuckDB (RE2 syntax) as a JavaScript RegExp that matches the same
// strings, for COLUMNS('regex') and regexp_matches in COLUMNS lambdas. Only the subset both
// engines read alike is accepted, plus a leading (?i); anything else (lookarounds, backrefs,
// \p{..}, POSIX classes, ...) is refused with a reason: a guess could pick other columns.

const CLASS_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S', 't', 'n', 'r', 'f', 'v']);
const ANCHOR_ESCAPES = new Set(['b', 'B']);

function isPunct(c: string): boolean {
  return /^[\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]$/.test(c);
}

/** A RegExp, or why the pattern cannot be analyzed. */
export function compileRe2(pattern: string): RegExp | { readonly reason: string } {
  let body = pattern;
  let flags = '';
  if (body.startsWith('(?i)')) {
    flags = 'i';
    body = body.slice(4);
  }
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') {
      const n = body[i + 1] ?? '';
      const ok = CLASS_ESCAPES.has(n) || (!inClass && ANCHOR_ESCAPES.has(n)) || isPunct(n);
      if (!ok) return { reason: `the escape \\${n} is read differently by DuckDB's RE2` };
      i++;
    } else if (inClass) {
      if (c === '[' && body[i + 1] === ':') return { reason: 'POSIX character classes ([:alpha:]) are not supported' };
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
      if (body[i + 1] === '^') i++;
      // RE2 reads a `]` right after `[` as a literal, JavaScript as the end of an empty class.
      if (body[i + 1] === ']') return { reason: 'a class starting with "]" is read differently by DuckDB\'s RE2' };
    } else if (c === '(' && body[i + 1] === '?' && body[i + 2] !== ':') {
      return { reason: `the group "(?${body[i + 2] ?? ''}" is not supported (only (?: and a leading (?i))` };
    }
  }
  try {
    return new RegExp(body, `${flags}u`);
  } catch {
    // Unicode mode refuses escaped punctuation that RE2 accepts (`\-` outside a class).
    try {
      return new RegExp(body, flags);
    } catch (e) {
      return { reason: `invalid regex: ${(e as Error).message}` };
    }
  }
}
