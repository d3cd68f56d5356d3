// query() results as plain JS: DuckDB's JS values, with every bigint turned into a number when
// it is a safe integer and into its decimal string otherwise (recursively in lists and structs).
// Dates/timestamps stay Date, BLOBs stay Uint8Array, DECIMAL arrives as a (lossy) number.

export function toPlainValue(v: unknown): unknown {
  if (typeof v === 'bigint') {
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
  }
  if (Array.isArray(v)) return v.map(toPlainValue);
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = toPlainValue(x);
    return out;
  }
  return v;
}

export function toPlainRow(row: Record<string, unknown>): Record<string, unknown> {
  return toPlainValue(row) as Record<string, unknown>;
}
