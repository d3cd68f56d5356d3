// rocky.yaml of the finance example: main is production, so its views mask pii by hashing and
// financial values by redaction, while agents' branches see raw data to backtest on.
import { renderYamlScalar } from './render-yaml-scalar.js';

export function renderFinanceRockyYaml(name: string): string {
  return `# The finance example: see README.md. Every key is optional.
name: ${renderYamlScalar(name)}
warehouse: { type: duckdb, path: .rocky/warehouse.duckdb }
environments:
  main: { masking: true }          # production: classified columns are masked in main's views
masking: { pii: hash, financial: redact }
# Uncomment to let only leads merge into main:
# access:
#   - { branches: "main", merge: ["role:lead"], replay: ["*"] }
# roles: { lead: ["alice@example.com"] }
`;
}
