// README.md of the finance example: the scenario in a few lines and the commands to try it.

export const financeReadme = `# finance: a rocky example

Automated agents backtest and rebalance portfolios. Each agent works on its own branch: it
edits a model (a stricter risk policy, a different pricing rule), runs it, and compares the
result with \`main\` before anything is merged. Branches copy no data, and every run can be
replayed later to prove it reproduces.

The data in \`data/\` is synthetic and generated from a fixed seed: 60 trading days of closing
prices for 12 fictional symbols, their instruments, open positions of 8 accounts run by 6
traders (with fake SSNs in the never-issued 900 range), and one exposure limit per sector.

Models (\`models/\`), each a plain DuckDB SELECT that names its inputs by bare name:

- \`latest_prices\`: last close per symbol.
- \`daily_returns\`: close-to-close returns, the series a backtest replays (no sidecar: defaults).
- \`positions_valued\`: positions marked to market.
- \`exposure_by_sector\`: market value summed per sector.
- \`risk_flags\`: exposure against each sector's limit, flagged \`breach\` or \`ok\`.
- \`trader_pnl\`: unrealised profit and loss per trader, with the SSN hashed in the model.

\`trader_ssn\` and \`trader_id\` are classified \`pii\` and \`quantity\` \`financial\`: on \`main\`,
whose environment masks, they reach the views hashed and redacted.

Try it:

    git rocky compile
    git rocky run
    git rocky branch create stricter-limits
    # edit models/risk_flags.sql: flag a breach above 80% of the limit
    #   (e.exposure > 0.8 * r.max_exposure): Technology and Utilities now breach
    git rocky run --branch stricter-limits
    git rocky replay latest
`;
