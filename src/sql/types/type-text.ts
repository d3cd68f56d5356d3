// Reading and writing DuckDB type text: DECIMAL(p,s), lists `T[]`, STRUCT(a T, ...), MAP(K, V),
// and the integer/float families used by promotion rules.

export const UNKNOWN = 'UNKNOWN';

/** Signed integer widths in bits; unsigned ones in UNSIGNED_BITS. */
export const SIGNED_BITS: Readonly<Record<string, number>> = { TINYINT: 8, SMALLINT: 16, INTEGER: 32, BIGINT: 64, HUGEINT: 128 };
export const UNSIGNED_BITS: Readonly<Record<string, number>> = { UTINYINT: 8, USMALLINT: 16, UINTEGER: 32, UBIGINT: 64, UHUGEINT: 128 };
/** Decimal width an integer type converts to in decimal arithmetic. */
export const INTEGER_DECIMAL_WIDTH: Readonly<Record<string, number>> = {
  TINYINT: 3, SMALLINT: 5, INTEGER: 10, BIGINT: 19, HUGEINT: 38, UTINYINT: 3, USMALLINT: 5, UINTEGER: 10, UBIGINT: 20, UHUGEINT: 38,
};
const SIGNED_BY_BITS: Readonly<Record<number, string>> = { 8: 'TINYINT', 16: 'SMALLINT', 32: 'INTEGER', 64: 'BIGINT', 128: 'HUGEINT' };

export function isInteger(t: string): boolean {
  return t in SIGNED_BITS || t in UNSIGNED_BITS;
}
export function isFloat(t: string): boolean {
  return t === 'DOUBLE' || t === 'FLOAT';
}
export function isNumeric(t: string): boolean {
  return isInteger(t) || isFloat(t) || parseDecimal(t) !== null;
}
export function signedOfBits(bits: number): string {
  return SIGNED_BY_BITS[Math.min(bits, 128)] ?? 'HUGEINT';
}

export function parseDecimal(t: string): { width: number; scale: number } | null {
  const m = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(t);
  return m ? { width: Number(m[1]), scale: Number(m[2]) } : null;
}
export function decimalText(width: number, scale: number): string {
  return `DECIMAL(${width},${scale})`;
}

export function isTemporal(t: string): boolean {
  return t === 'DATE' || t.startsWith('TIMESTAMP') || t === 'TIME' || t === 'INTERVAL';
}

/** Element type of a list `T[]` (or fixed array `T[n]`); null when t is not a list. */
export function listElement(t: string): string | null {
  const m = /^(.*)\[\d*\]$/s.exec(t);
  return m ? m[1] : null;
}

/** Splits `a, b(c, d), e` at top-level commas. */
function splitTop(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && c === ',') {
      parts.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(s.slice(start).trim());
  return parts.filter((p) => p.length > 0);
}

/** Fields of a STRUCT(...) type, in order; null when t is not a struct. */
export function structFields(t: string): { name: string; type: string }[] | null {
  if (!t.startsWith('STRUCT(') || !t.endsWith(')')) return null;
  return splitTop(t.slice(7, -1)).map((f) => {
    if (f.startsWith('"')) {
      let i = 1;
      let name = '';
      while (i < f.length) {
        if (f[i] === '"' && f[i + 1] === '"') { name += '"'; i += 2; continue; }
        if (f[i] === '"') break;
        name += f[i++];
      }
      return { name, type: f.slice(i + 1).trim() };
    }
    const sp = f.indexOf(' ');
    return { name: f.slice(0, sp), type: f.slice(sp + 1).trim() };
  });
}

/** Key and value types of MAP(K, V); null when t is not a map. */
export function mapTypes(t: string): { key: string; value: string } | null {
  if (!t.startsWith('MAP(') || !t.endsWith(')')) return null;
  const parts = splitTop(t.slice(4, -1));
  return parts.length === 2 ? { key: parts[0], value: parts[1] } : null;
}

const PLAIN_FIELD = /^[a-z_][a-z0-9_]*$/;
/** A struct field name as DuckDB prints it inside STRUCT(...). */
export function quoteFieldName(name: string): string {
  return PLAIN_FIELD.test(name) && !RESERVED_FIELD_NAMES.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}
const RESERVED_FIELD_NAMES = new Set(['select', 'from', 'where', 'order', 'group', 'by', 'as', 'and', 'or', 'not', 'null', 'table', 'case', 'when', 'then', 'else', 'end']);
