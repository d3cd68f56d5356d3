// Generates the finance example's per-sector exposure limits. They are derived from the
// generated positions on purpose, so `risk_flags` always shows breaches and ok rows, and a
// stricter policy tried on a branch (flag above 80% of the limit) visibly changes flags.
import type { Instrument } from './finance-instruments.js';
import type { PositionRow } from './generate-positions.js';
import type { PriceRow } from './generate-prices.js';

export interface RiskLimitRow {
  readonly sector: string;
  /** Whole dollars. */
  readonly max_exposure: number;
}

/** Exposure / limit each sector should land near; above 1 is a breach. */
const TARGET_UTILISATION: Readonly<Record<string, number>> = {
  Technology: 0.92,
  Energy: 1.18,
  Financials: 0.64,
  Healthcare: 1.07,
  Utilities: 0.85,
  Industrials: 0.71,
};

/** Market value in cents per sector, marked to each symbol's last price. */
function exposureCents(instruments: readonly Instrument[], prices: readonly PriceRow[], positions: readonly PositionRow[]): Map<string, number> {
  const last = new Map<string, PriceRow>();
  for (const row of prices) {
    const seen = last.get(row.symbol);
    if (seen === undefined || row.ts > seen.ts) last.set(row.symbol, row);
  }
  const sectorOf = new Map(instruments.map((i) => [i.symbol, i.sector]));
  const exposure = new Map<string, number>();
  for (const p of positions) {
    const sector = sectorOf.get(p.symbol) ?? '';
    exposure.set(sector, (exposure.get(sector) ?? 0) + p.quantity * (last.get(p.symbol)?.cents ?? 0));
  }
  return exposure;
}

/** One row per sector, in the order sectors first appear among the instruments. */
export function generateRiskLimits(instruments: readonly Instrument[], prices: readonly PriceRow[], positions: readonly PositionRow[]): RiskLimitRow[] {
  const exposure = exposureCents(instruments, prices, positions);
  const sectors = [...new Set(instruments.map((i) => i.sector))];
  return sectors.map((sector) => {
    const dollars = (exposure.get(sector) ?? 0) / 100;
    const target = TARGET_UTILISATION[sector] ?? 0.5;
    // Round to $10,000 as a risk desk would: down for breaching targets, up for the others,
    // so rounding never flips a flag.
    const round = target > 1 ? Math.floor : Math.ceil;
    const max_exposure = Math.max(10_000, round(dollars / target / 10_000) * 10_000);
    return { sector, max_exposure };
  });
}
