// The `empty` scaffold: a valid project with no sources and no models, whose config files show
// every key of rocky.yaml and sources.yaml as comments, so users discover them by reading.
import { renderYamlScalar } from './render-yaml-scalar.js';

function renderRockyYaml(name: string): string {
  return `# rocky project configuration. Every key is optional; the commented lines show each one.
name: ${renderYamlScalar(name)}

# Where models are built. DuckDB, embedded in this one file, is the default.
# warehouse: { type: duckdb, path: .rocky/warehouse.duckdb }

# Per-branch environment settings. With masking on, classified columns are masked in the
# branch's views; physical tables keep the raw data.
# environments:
#   main: { masking: true }

# Classification -> masking strategy.
# masking: { pii: hash, financial: redact }

# Who may do what on which branches (glob on branch names).
# access:
#   - { branches: "main", merge: ["role:lead"], replay: ["*"] }

# Role -> members.
# roles: { lead: ["alice@example.com"] }

# Directories outside the repository that file sources may read (a source path or link that
# leads out of the repository is an error otherwise).
# data_roots: [/mnt/shared-data]

# DuckDB extensions models use, loaded before models run (nothing is loaded on demand).
# extensions: [json]
`;
}

const SOURCES_YAML = `# External inputs: CSV or Parquet files in this repository, or existing warehouse tables.
# Models read a source by its bare name (FROM prices).
sources: []
# For example:
# sources:
#   - name: prices
#     path: data/prices.csv          # or: table: raw.prices (an existing warehouse table)
#     key: [symbol, ts]              # identifies a row: used by data diffs and replay drift reports
#     time_column: ts                # optional: event time, enables replay "as of" a timestamp
#     columns:
#       symbol: { type: VARCHAR }
#       ts: { type: TIMESTAMP }
#       price: { type: "DECIMAL(18,2)", classification: financial }
`;

export function buildEmptyExample(name: string): Map<string, string> {
  return new Map([
    ['rocky.yaml', renderRockyYaml(name)],
    ['sources.yaml', SOURCES_YAML],
    ['models/.gitkeep', ''],
    ['.gitignore', '.rocky/\n'],
  ]);
}
