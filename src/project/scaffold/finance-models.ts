// The finance example's models: plain DuckDB SELECTs that name sources and other models by
// their bare names, and their optional sidecars. daily_returns has no sidecar on purpose, to
// show the defaults apply when none is given.

export interface ExampleModel {
  readonly name: string;
  readonly sql: string;
  /** Text of models/<name>.yaml, or null when the model relies on defaults. */
  readonly sidecar: string | null;
}

const latestPrices: ExampleModel = {
  name: 'latest_prices',
  sql: `-- The most recent close of each symbol: the price every position is marked to.
SELECT symbol, ts AS priced_at, price
FROM prices
QUALIFY ROW_NUMBER() OVER (PARTITION BY symbol ORDER BY ts DESC) = 1
`,
  sidecar: `description: Last known closing price per symbol.
materialization: table
key: [symbol]
columns:
  symbol:
    description: Ticker of the instrument.
  priced_at:
    description: Close the price was taken at.
  price:
    description: Closing price in the instrument's currency.
`,
};

const dailyReturns: ExampleModel = {
  name: 'daily_returns',
  sql: `-- Close-to-close returns per symbol: the series a backtest replays.
WITH ordered AS (
  SELECT symbol, ts, price, LAG(price) OVER (PARTITION BY symbol ORDER BY ts) AS previous_price
  FROM prices
)
SELECT symbol, ts, price, ROUND(price / previous_price - 1, 6) AS daily_return
FROM ordered
WHERE previous_price IS NOT NULL
`,
  sidecar: null,
};

const positionsValued: ExampleModel = {
  name: 'positions_valued',
  sql: `-- Every open position marked to market at its symbol's latest price.
SELECT
  p.account_id,
  p.trader_id,
  p.symbol,
  p.quantity,
  lp.price,
  p.quantity * lp.price AS market_value,
  p.opened_at
FROM positions AS p
JOIN latest_prices AS lp ON lp.symbol = p.symbol
`,
  sidecar: `description: Open positions marked to market at the latest price.
materialization: table
key: [account_id, symbol]
columns:
  account_id:
    description: Trading account holding the position.
  trader_id:
    description: Trader responsible for the account.
    classification: pii
  quantity:
    description: Units held.
    classification: financial
  market_value:
    description: Quantity times the latest price.
    classification: financial
`,
};

const exposureBySector: ExampleModel = {
  name: 'exposure_by_sector',
  sql: `-- Gross market exposure per sector across all accounts.
SELECT
  i.sector,
  SUM(pv.market_value) AS exposure,
  COUNT(DISTINCT pv.account_id) AS accounts,
  COUNT(*) AS positions
FROM positions_valued AS pv
JOIN instruments AS i ON i.symbol = pv.symbol
GROUP BY i.sector
`,
  sidecar: `description: Gross market exposure per sector.
materialization: table
key: [sector]
columns:
  sector:
    description: Sector of the instruments held.
  exposure:
    description: Sum of market values in the sector.
    classification: financial
`,
};

const riskFlags: ExampleModel = {
  name: 'risk_flags',
  sql: `-- Each sector's exposure against its limit. An agent testing a stricter policy edits the
-- CASE below on its own branch and compares the flags with main's.
SELECT
  e.sector,
  e.exposure,
  r.max_exposure,
  ROUND(e.exposure / r.max_exposure, 4) AS utilisation,
  CASE WHEN e.exposure > r.max_exposure THEN 'breach' ELSE 'ok' END AS flag
FROM exposure_by_sector AS e
JOIN risk_limits AS r ON r.sector = e.sector
`,
  sidecar: `description: Sector exposure against the risk desk's limits.
materialization: table
key: [sector]
columns:
  sector:
    description: Sector the limit applies to.
  utilisation:
    description: Exposure divided by the limit; above 1 is a breach.
  flag:
    description: "'breach' when exposure exceeds the limit, else 'ok'."
`,
};

const traderPnl: ExampleModel = {
  name: 'trader_pnl',
  sql: `-- Unrealised profit and loss per trader since each position was opened. The SSN is hashed
-- in the model itself, so no environment ever shows it in clear, masked or not.
SELECT
  p.trader_id,
  sha256(p.trader_ssn) AS trader_ssn_hash,
  COUNT(*) AS positions,
  SUM(p.quantity * (lp.price - op.price)) AS unrealised_pnl
FROM positions AS p
JOIN prices AS op ON op.symbol = p.symbol AND op.ts = p.opened_at
JOIN latest_prices AS lp ON lp.symbol = p.symbol
GROUP BY p.trader_id, p.trader_ssn
`,
  sidecar: `description: Unrealised profit and loss per trader.
materialization: table
key: [trader_id]
columns:
  trader_id:
    description: Trader the positions belong to.
    classification: pii
  trader_ssn_hash:
    description: SHA-256 of the trader's SSN, for joining with HR data without exposing it.
  unrealised_pnl:
    description: Sum over positions of quantity times the price move since opening.
    classification: financial
`,
};

/** In dependency order, though the compiler infers the order from the bare names anyway. */
export const financeModels: readonly ExampleModel[] = [latestPrices, dailyReturns, positionsValued, exposureBySector, riskFlags, traderPnl];
