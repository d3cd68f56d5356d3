// Decides whether changing a column's DuckDB type can lose values a consumer relied on. A change
// is narrowing unless it is proven widening: unknown pairs count as narrowing, on purpose.
const INTEGERS: Record<string, { bits: number; signed: boolean; digits: number }> = {
  TINYINT: { bits: 8, signed: true, digits: 3 }, SMALLINT: { bits: 16, signed: true, digits: 5 },
  INTEGER: { bits: 32, signed: true, digits: 10 }, BIGINT: { bits: 64, signed: true, digits: 19 },
  HUGEINT: { bits: 128, signed: true, digits: 39 },
  UTINYINT: { bits: 8, signed: false, digits: 3 }, USMALLINT: { bits: 16, signed: false, digits: 5 },
  UINTEGER: { bits: 32, signed: false, digits: 10 }, UBIGINT: { bits: 64, signed: false, digits: 20 },
  UHUGEINT: { bits: 128, signed: false, digits: 39 },
};
const ALIASES: Record<string, string> = {
  INT: 'INTEGER', INT4: 'INTEGER', INT8: 'BIGINT', INT2: 'SMALLINT', INT1: 'TINYINT', LONG: 'BIGINT', SHORT: 'SMALLINT',
  FLOAT4: 'FLOAT', REAL: 'FLOAT', FLOAT8: 'DOUBLE', STRING: 'VARCHAR', TEXT: 'VARCHAR', NUMERIC: 'DECIMAL',
  BOOL: 'BOOLEAN', DATETIME: 'TIMESTAMP', TIMESTAMPTZ: 'TIMESTAMP WITH TIME ZONE',
};
/** Significand bits of the binary floats: integers wider than this are not exact in them. */
const FLOAT_BITS: Record<string, { bits: number; digits: number }> = { FLOAT: { bits: 24, digits: 6 }, DOUBLE: { bits: 53, digits: 15 } };
/** Known lossless changes between non-numeric types. */
const WIDENINGS = new Set(['DATE>TIMESTAMP', 'DATE>TIMESTAMP WITH TIME ZONE', 'TIMESTAMP_S>TIMESTAMP', 'TIMESTAMP_MS>TIMESTAMP']);

interface Decimal { readonly precision: number; readonly scale: number }

function normalize(type: string): string {
  const t = type.trim().toUpperCase().replace(/\s+/g, ' ');
  return ALIASES[t] ?? t;
}

function decimal(t: string): Decimal | null {
  if (t === 'DECIMAL') return { precision: 18, scale: 3 }; // DuckDB's default
  const m = /^DECIMAL\((\d+)(?:,\s*(\d+))?\)$/.exec(t);
  return m ? { precision: Number(m[1]), scale: Number(m[2] ?? 0) } : null;
}

export function isNarrowing(oldType: string, newType: string): boolean {
  const a = normalize(oldType);
  const b = normalize(newType);
  if (a === b) return false;
  if (b === 'VARCHAR') return false; // every value has a text form
  const ai = INTEGERS[a], bi = INTEGERS[b], af = FLOAT_BITS[a], bf = FLOAT_BITS[b], ad = decimal(a), bd = decimal(b);
  if (ai && bi) return bi.signed ? (ai.signed ? bi.bits < ai.bits : bi.bits <= ai.bits) : ai.signed || bi.bits < ai.bits;
  if (ai && bf) return ai.bits - (ai.signed ? 1 : 0) > bf.bits;
  if (ai && bd) return bd.precision - bd.scale < ai.digits;
  if (af && bf) return bf.bits < af.bits;
  if (ad && bd) return bd.scale < ad.scale || bd.precision - bd.scale < ad.precision - ad.scale;
  if (ad && bf) return ad.precision > bf.digits;
  if (ad && bi) return ad.scale > 0 || ad.precision > bi.digits - 1;
  return !WIDENINGS.has(`${a}>${b}`);
}
