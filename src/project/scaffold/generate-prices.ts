// Generates the finance example's daily closing prices: a seeded random walk per symbol over
// 60 weekdays. Arithmetic stays in integer cents and basic IEEE operations (no Math.exp or
// Math.log, whose results may differ between engines) so every machine gets identical bytes.
import { mulberry32 } from './mulberry32.js';
import type { Instrument } from './finance-instruments.js';

export interface PriceRow {
  readonly symbol: string;
  /** Epoch milliseconds of the close (21:00 UTC). */
  readonly ts: number;
  readonly cents: number;
  readonly volume: number;
}

const DAY_MS = 86_400_000;
/** 2024-01-02 21:00 UTC, a Tuesday. */
const FIRST_CLOSE_MS = Date.UTC(2024, 0, 2, 21, 0, 0);
export const TRADING_DAYS = 60;

/** The close timestamps of the example, weekdays only, oldest first. */
export function tradingCloses(): number[] {
  const closes: number[] = [];
  for (let ts = FIRST_CLOSE_MS; closes.length < TRADING_DAYS; ts += DAY_MS) {
    const weekday = new Date(ts).getUTCDay();
    if (weekday !== 0 && weekday !== 6) closes.push(ts);
  }
  return closes;
}

/** Rows ordered by timestamp, then by the instruments' order. */
export function generatePrices(instruments: readonly Instrument[], seed: number): PriceRow[] {
  const rand = mulberry32(seed);
  const closes = tradingCloses();
  // Per-symbol drift and volatility give the backtests something to tell apart.
  const params = instruments.map(() => ({ drift: (rand() - 0.45) * 0.004, vol: 0.01 + rand() * 0.03, baseVolume: 50_000 + Math.floor(rand() * 950_000) }));
  const cents = instruments.map((i) => i.startCents);
  const rows: PriceRow[] = [];
  closes.forEach((ts, day) => {
    instruments.forEach((instrument, k) => {
      const p = params[k];
      if (day > 0) {
        // Sum of three uniforms: a cheap, bell-shaped shock with mean 0.
        const shock = rand() + rand() + rand() - 1.5;
        cents[k] = Math.max(100, Math.round(cents[k] * (1 + p.drift + p.vol * shock)));
      }
      const volume = Math.round(p.baseVolume * (0.5 + rand()));
      rows.push({ symbol: instrument.symbol, ts, cents: cents[k], volume });
    });
  });
  return rows;
}
