// Test helper: parses model SQL through DuckDB (json_serialize_sql, batched like the warehouse
// adapter does) and builds compileModels inputs from small inline projects.
import { DuckDBInstance, listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { SqlModelInput, SqlSourceInput } from '../../src/sql/index.js';

let connection: Promise<DuckDBConnection> | null = null;

export function duck(): Promise<DuckDBConnection> {
  connection ??= DuckDBInstance.create(':memory:').then((i) => i.connect());
  return connection;
}

export async function parseTrees(sqls: readonly string[]): Promise<string[]> {
  if (sqls.length === 0) return [];
  const con = await duck();
  const r = await con.runAndReadAll('SELECT json_serialize_sql(s) FROM unnest($1::VARCHAR[]) t(s)', [listValue([...sqls])]);
  return r.getRows().map((row) => String(row[0]));
}

export interface ProjectSpec {
  /** source name -> column -> type (or {type, classification}). */
  readonly sources?: Readonly<Record<string, Readonly<Record<string, string | { type: string; classification?: string[] }>>>>;
  /** model name -> SQL text. */
  readonly models: Readonly<Record<string, string>>;
  readonly classification?: Readonly<Record<string, Readonly<Record<string, string[]>>>>;
}

export function buildSources(spec: ProjectSpec): SqlSourceInput[] {
  return Object.entries(spec.sources ?? {}).map(([name, cols], i) => ({
    name,
    file: 'sources.yaml',
    line: i + 2,
    columns: Object.entries(cols).map(([c, t]) => (typeof t === 'string'
      ? { name: c, type: t, classification: [] }
      : { name: c, type: t.type, classification: t.classification ?? [] })),
  }));
}

export async function buildInputs(spec: ProjectSpec): Promise<{ models: SqlModelInput[]; sources: SqlSourceInput[] }> {
  const names = Object.keys(spec.models);
  const texts = names.map((n) => spec.models[n]);
  const trees = await parseTrees(texts);
  const models = names.map((name, i) => ({
    name,
    file: `models/${name}.sql`,
    text: texts[i],
    tree: trees[i],
    materialization: 'table' as const,
    classification: spec.classification?.[name] ?? {},
  }));
  return { models, sources: buildSources(spec) };
}
