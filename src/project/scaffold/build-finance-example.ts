// The `finance` scaffold: config, synthetic CSV data, models and sidecars of the scenario that
// motivates rocky (agents backtesting and rebalancing portfolios on branches).
import { financeInstruments } from './finance-instruments.js';
import { financeModels } from './finance-models.js';
import { financeReadme } from './finance-readme.js';
import { financeSourcesYaml } from './finance-sources-yaml.js';
import { formatCents } from './format-cents.js';
import { formatTimestamp } from './format-timestamp.js';
import { generatePositions } from './generate-positions.js';
import { generatePrices, tradingCloses } from './generate-prices.js';
import { generateRiskLimits } from './generate-risk-limits.js';
import { renderCsv } from './render-csv.js';
import { renderFinanceRockyYaml } from './render-finance-rocky-yaml.js';

// Fixed seeds: changing one regenerates only that file's data.
const PRICES_SEED = 20240102;
const POSITIONS_SEED = 7;

export function buildFinanceExample(name: string): Map<string, string> {
  const prices = generatePrices(financeInstruments, PRICES_SEED);
  const positions = generatePositions(financeInstruments, tradingCloses(), POSITIONS_SEED);
  const limits = generateRiskLimits(financeInstruments, prices, positions);

  const files = new Map<string, string>([
    ['rocky.yaml', renderFinanceRockyYaml(name)],
    ['sources.yaml', financeSourcesYaml],
    ['README.md', financeReadme],
    ['.gitignore', '.rocky/\n'],
    ['data/prices.csv', renderCsv(['symbol', 'ts', 'price', 'volume'], prices.map((r) => [r.symbol, formatTimestamp(r.ts), formatCents(r.cents), r.volume]))],
    ['data/instruments.csv', renderCsv(['symbol', 'name', 'sector', 'currency'], financeInstruments.map((i) => [i.symbol, i.name, i.sector, i.currency]))],
    [
      'data/positions.csv',
      renderCsv(
        ['account_id', 'trader_id', 'trader_ssn', 'symbol', 'quantity', 'opened_at'],
        positions.map((p) => [p.account_id, p.trader_id, p.trader_ssn, p.symbol, p.quantity, formatTimestamp(p.opened_at)]),
      ),
    ],
    ['data/risk_limits.csv', renderCsv(['sector', 'max_exposure'], limits.map((l) => [l.sector, formatCents(l.max_exposure * 100)]))],
  ]);
  for (const model of financeModels) {
    files.set(`models/${model.name}.sql`, model.sql);
    if (model.sidecar !== null) files.set(`models/${model.name}.yaml`, model.sidecar);
  }
  return files;
}
