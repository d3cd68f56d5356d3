// DuckDB's implicit promotion rules, as far as the compiler models them: the common supertype
// of several values (CASE, COALESCE, UNION, GREATEST) and the result type of arithmetic.
// Literals are flexible in DuckDB: an integer literal takes the other operand's numeric type,
// a string literal the other operand's type.
import {
  UNKNOWN, SIGNED_BITS, UNSIGNED_BITS, INTEGER_DECIMAL_WIDTH, isInteger, isFloat, isNumeric, parseDecimal,
  decimalText, listElement, signedOfBits,
} from './type-text.js';

/** A value's type and whether it is a literal whose type DuckDB may still adapt. */
export interface Typed {
  readonly type: string;
  readonly literal: 'integer' | 'string' | 'null' | null;
  /** An integer literal's value (its DuckDB type depends on its magnitude). */
  readonly value?: unknown;
}

/** The type DuckDB gives an integer literal: INTEGER when it fits, else BIGINT, else HUGEINT. */
function literalIntegerType(value: unknown): string {
  const n = typeof value === 'number' || typeof value === 'bigint' ? Number(value) : 0;
  return Math.abs(n) < 2 ** 31 ? 'INTEGER' : Math.abs(n) < 2 ** 63 ? 'BIGINT' : 'HUGEINT';
}

function fitsInteger(value: unknown, t: string): boolean {
  const n = typeof value === 'number' || typeof value === 'bigint' ? Number(value) : 0;
  const s = SIGNED_BITS[t], u = UNSIGNED_BITS[t];
  if (s) return n >= -(2 ** (s - 1)) && n < 2 ** (s - 1);
  return n >= 0 && n < 2 ** u;
}

function integerSuper(a: string, b: string): string {
  if (a === b) return a;
  const sa = SIGNED_BITS[a], sb = SIGNED_BITS[b];
  const ua = UNSIGNED_BITS[a], ub = UNSIGNED_BITS[b];
  if (sa && sb) return sa >= sb ? a : b;
  if (ua && ub) return ua >= ub ? a : b;
  const [s, u] = sa ? [sa, ub] : [sb, ua];
  return s > u ? signedOfBits(s) : signedOfBits(u * 2);
}

function asDecimal(t: string): { width: number; scale: number } | null {
  if (isInteger(t)) return { width: INTEGER_DECIMAL_WIDTH[t], scale: 0 };
  return parseDecimal(t);
}

/** Supertype of two concrete (non-literal) types. */
export function superOf(a: string, b: string): string {
  if (a === b) return a;
  if (a === UNKNOWN || b === UNKNOWN) return UNKNOWN;
  if (a === 'NULL') return b;
  if (b === 'NULL') return a;
  if (isInteger(a) && isInteger(b)) return integerSuper(a, b);
  if (isNumeric(a) && isNumeric(b)) {
    if (isFloat(a) || isFloat(b)) return a === 'DOUBLE' || b === 'DOUBLE' || a.startsWith('DECIMAL') || b.startsWith('DECIMAL') ? 'DOUBLE' : 'FLOAT';
    const da = asDecimal(a)!, db = asDecimal(b)!;
    const scale = Math.max(da.scale, db.scale);
    return decimalText(Math.min(38, Math.max(da.width - da.scale, db.width - db.scale) + scale), scale);
  }
  if (a === 'VARCHAR' || b === 'VARCHAR') return 'VARCHAR';
  const ta = a.startsWith('TIMESTAMP') || a === 'DATE', tb = b.startsWith('TIMESTAMP') || b === 'DATE';
  if (ta && tb) {
    if (a === 'DATE') return b;
    if (b === 'DATE') return a;
    return a === 'TIMESTAMP WITH TIME ZONE' || b === 'TIMESTAMP WITH TIME ZONE' ? 'TIMESTAMP WITH TIME ZONE' : a;
  }
  const la = listElement(a), lb = listElement(b);
  if (la !== null && lb !== null) {
    const e = superOf(la, lb);
    return e === UNKNOWN ? UNKNOWN : `${e}[]`;
  }
  return UNKNOWN;
}

/** Common supertype of values (CASE branches, COALESCE arguments, UNION columns). */
export function commonSupertype(items: readonly Typed[]): string {
  const concrete = items.filter((t) => t.literal === null);
  if (concrete.length > 0) {
    let t = concrete[0].type;
    for (let i = 1; i < concrete.length; i++) t = superOf(t, concrete[i].type);
    // An integer literal keeps an integer type it fits in, but widens a DECIMAL as the INTEGER
    // (or BIGINT) it is: coalesce(DECIMAL(10,2), 1) is DECIMAL(12,2). Text refuses one.
    for (const lit of items) {
      if (lit.literal !== 'integer') continue;
      if (isInteger(t)) { if (!fitsInteger(lit.value, t)) t = superOf(t, literalIntegerType(lit.value)); }
      else if (parseDecimal(t) !== null) t = superOf(t, literalIntegerType(lit.value));
      else if (t === 'VARCHAR') return UNKNOWN;
    }
    return t;
  }
  const nonNull = items.filter((t) => t.literal !== 'null');
  if (nonNull.length === 0) return items.length > 0 ? 'INTEGER' : UNKNOWN; // DuckDB types a bare NULL column as INTEGER
  let t = nonNull[0].type;
  for (let i = 1; i < nonNull.length; i++) t = superOf(t, nonNull[i].type);
  return t;
}

/** Decimal width cap: DuckDB keeps results of two <= 18-digit decimals within 18 digits. */
function capWidth(width: number, a: number, b: number): number {
  if (width > 18 && a <= 18 && b <= 18) return 18;
  return Math.min(width, 38);
}

function temporalArithmetic(op: string, a: string, b: string): string | null {
  const ts = (t: string) => t.startsWith('TIMESTAMP');
  if (op === '+') {
    if (a === 'DATE' && isInteger(b)) return 'DATE';
    if (b === 'DATE' && isInteger(a)) return 'DATE';
    if ((a === 'DATE' && b === 'INTERVAL') || (b === 'DATE' && a === 'INTERVAL')) return 'TIMESTAMP';
    if (ts(a) && b === 'INTERVAL') return a;
    if (ts(b) && a === 'INTERVAL') return b;
    if (a === 'INTERVAL' && b === 'INTERVAL') return 'INTERVAL';
    if ((a === 'TIME' && b === 'INTERVAL') || (b === 'TIME' && a === 'INTERVAL')) return 'TIME';
  } else if (op === '-') {
    if (a === 'DATE' && b === 'DATE') return 'BIGINT';
    if (a === 'DATE' && isInteger(b)) return 'DATE';
    if (a === 'DATE' && b === 'INTERVAL') return 'TIMESTAMP';
    if (ts(a) && ts(b)) return 'INTERVAL';
    if (ts(a) && b === 'INTERVAL') return a;
    if (a === 'INTERVAL' && b === 'INTERVAL') return 'INTERVAL';
    if (a === 'TIME' && b === 'INTERVAL') return 'TIME';
  } else if ((op === '*' || op === '/') && a === 'INTERVAL' && isNumeric(b)) {
    return 'INTERVAL';
  } else if (op === '*' && b === 'INTERVAL' && isNumeric(a)) {
    return 'INTERVAL';
  }
  return null;
}

/** Result type of a binary arithmetic operator (+ - * / // %). */
export function arithmeticType(op: string, left: Typed, right: Typed, leftValue: unknown, rightValue: unknown): string {
  let a = left.type, b = right.type;
  if (a === UNKNOWN || b === UNKNOWN) return UNKNOWN;
  const temporal = temporalArithmetic(op, a, b);
  if (temporal !== null) return temporal;
  // NULL and string literals take the other side's type.
  if (left.literal === 'null' || left.literal === 'string') a = right.literal === null ? b : 'INTEGER';
  if (right.literal === 'null' || right.literal === 'string') b = left.literal === null ? a : 'INTEGER';
  if (!isNumeric(a) || !isNumeric(b)) return UNKNOWN;
  if (op === '/') return a === 'FLOAT' && b === 'FLOAT' ? 'FLOAT' : 'DOUBLE';
  // An integer literal adapts to a numeric operand (smallint + 1 is SMALLINT).
  const aLit = left.literal === 'integer' && right.literal !== 'integer';
  const bLit = right.literal === 'integer' && left.literal !== 'integer';
  if (bLit && (isInteger(a) || isFloat(a))) return a;
  if (aLit && (isInteger(b) || isFloat(b))) return b;
  if (op === '//') return isInteger(a) && isInteger(b) ? integerSuper(a, b) : 'DOUBLE';
  if (isInteger(a) && isInteger(b)) return integerSuper(a, b);
  if (isFloat(a) || isFloat(b)) return a === 'DOUBLE' || b === 'DOUBLE' || a.startsWith('DECIMAL') || b.startsWith('DECIMAL') ? 'DOUBLE' : 'FLOAT';
  // With a DECIMAL, an integer literal counts as the INTEGER (or BIGINT) it is typed as.
  const da = aLit ? asDecimal(literalIntegerType(leftValue))! : asDecimal(a)!;
  const db = bLit ? asDecimal(literalIntegerType(rightValue))! : asDecimal(b)!;
  if (op === '*') return decimalText(capWidth(da.width + db.width, da.width, db.width), da.scale + db.scale);
  const scale = Math.max(da.scale, db.scale);
  const width = Math.max(da.width - da.scale, db.width - db.scale) + scale + (op === '%' ? 0 : 1);
  return decimalText(capWidth(width, da.width, db.width), scale);
}
