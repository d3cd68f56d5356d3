// The shape of DuckDB's json_serialize_sql output as this package reads it: untyped JSON.
// Confined to parse/ so the rest of the compiler sees only the typed AST.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;
