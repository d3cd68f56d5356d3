// The finance example's instrument universe: twelve fictional tickers, two per sector, so
// every sector has an exposure and a risk limit. Fictional on purpose: the data is synthetic.

export interface Instrument {
  readonly symbol: string;
  readonly name: string;
  readonly sector: string;
  readonly currency: string;
  /** Opening price in cents for the generated price walk. */
  readonly startCents: number;
}

// One currency keeps every SUM in the example meaningful without an FX model.
export const financeInstruments: readonly Instrument[] = [
  { symbol: 'ACMT', name: 'Acme Technologies', sector: 'Technology', currency: 'USD', startCents: 18_450 },
  { symbol: 'QBIT', name: 'Qubit Systems', sector: 'Technology', currency: 'USD', startCents: 31_220 },
  { symbol: 'PTRL', name: 'Petrolia Energy', sector: 'Energy', currency: 'USD', startCents: 7_615 },
  { symbol: 'SOLR', name: 'Solaris Power', sector: 'Energy', currency: 'USD', startCents: 4_280 },
  { symbol: 'NBNK', name: 'Northbank Holdings', sector: 'Financials', currency: 'USD', startCents: 5_130 },
  { symbol: 'LDGR', name: 'Ledger Capital', sector: 'Financials', currency: 'USD', startCents: 12_905 },
  { symbol: 'MDCR', name: 'Medicor Labs', sector: 'Healthcare', currency: 'USD', startCents: 22_740 },
  { symbol: 'GNMX', name: 'Genomix Therapeutics', sector: 'Healthcare', currency: 'USD', startCents: 3_395 },
  { symbol: 'HYDR', name: 'Hydra Water Works', sector: 'Utilities', currency: 'USD', startCents: 6_050 },
  { symbol: 'GRID', name: 'Gridline Electric', sector: 'Utilities', currency: 'USD', startCents: 8_870 },
  { symbol: 'FRGE', name: 'Forge Industrial', sector: 'Industrials', currency: 'USD', startCents: 14_360 },
  { symbol: 'RAIL', name: 'Transcontinental Rail', sector: 'Industrials', currency: 'USD', startCents: 26_515 },
];
