// Identifier quoting for SQL this layer composes (view bodies, bound inputs). Not imported from
// warehouse/: its index loads DuckDB's native module, which the CLI imports lazily.
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function qualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}
