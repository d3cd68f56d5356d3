// Generates the finance example's open positions: eight accounts run by six traders, each
// account holding a handful of distinct symbols. Trader SSNs are fake (the 900 area number is
// never issued) and exist so the example has a pii column worth masking.
import { mulberry32 } from './mulberry32.js';
import type { Instrument } from './finance-instruments.js';

export interface PositionRow {
  readonly account_id: string;
  readonly trader_id: string;
  readonly trader_ssn: string;
  readonly symbol: string;
  readonly quantity: number;
  /** Epoch milliseconds; always one of the price closes, so a model can join the open price. */
  readonly opened_at: number;
}

const ACCOUNTS = 8;
const TRADERS = 6;
const EXTRA_HOLDINGS_PER_ACCOUNT = 4;

function fakeSsns(rand: () => number, count: number): string[] {
  const seen = new Set<string>();
  while (seen.size < count) {
    const group = 10 + Math.floor(rand() * 90);
    const serial = 1000 + Math.floor(rand() * 9000);
    seen.add(`900-${group}-${serial}`);
  }
  return [...seen];
}

/** Rows ordered by account, then by the order holdings were drawn. `(account_id, symbol)` is unique. */
export function generatePositions(instruments: readonly Instrument[], closes: readonly number[], seed: number): PositionRow[] {
  const rand = mulberry32(seed);
  const ssns = fakeSsns(rand, TRADERS);
  const holdings: string[][] = Array.from({ length: ACCOUNTS }, () => []);
  // Every symbol is held somewhere, so every sector has an exposure to check against its limit.
  instruments.forEach((instrument, k) => holdings[k % ACCOUNTS].push(instrument.symbol));
  for (const held of holdings) {
    for (let n = 0; n < EXTRA_HOLDINGS_PER_ACCOUNT; n++) {
      const symbol = instruments[Math.floor(rand() * instruments.length)].symbol;
      if (!held.includes(symbol)) held.push(symbol);
    }
  }
  const rows: PositionRow[] = [];
  holdings.forEach((held, a) => {
    const trader = a % TRADERS;
    for (const symbol of held) {
      rows.push({
        account_id: `ACC-${1001 + a}`,
        trader_id: `T-${String(trader + 1).padStart(2, '0')}`,
        trader_ssn: ssns[trader],
        symbol,
        quantity: 10 * (5 + Math.floor(rand() * 196)),
        // Opened before the last ten closes, so every position has some history to mark to.
        opened_at: closes[Math.floor(rand() * (closes.length - 10))],
      });
    }
  });
  return rows;
}
