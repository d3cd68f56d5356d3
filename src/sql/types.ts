// The compiler's input and output: plain data. sql/ is pure (no I/O): the caller obtains DuckDB
// parse trees (warehouse.parseSql) and passes them in with the text they came from.
import type { Diagnostic } from '../objects/diagnostic.js';
import type { Column, LineageEdge, Materialization } from '../objects/types.js';

export interface SqlModelInput {
  readonly name: string;
  /** Repository-relative path, for diagnostics. */
  readonly file: string;
  /** The whole file text (diagnostic positions are computed against it). */
  readonly text: string;
  /** DuckDB json_serialize_sql output for `text`, as returned by the parser. */
  readonly tree: string;
  readonly materialization: Materialization;
  /** Classification declared on this model's output columns in its sidecar. */
  readonly classification: Readonly<Record<string, readonly string[]>>;
}

export interface SqlSourceInput {
  readonly name: string;
  /** Where the source is declared (sources.yaml) and at which line, for diagnostics. */
  readonly file: string;
  readonly line: number;
  readonly columns: readonly Column[];
}

export interface CompiledModelDraft {
  readonly name: string;
  /** Trimmed text of the SELECT. */
  readonly sql: string;
  /** `sql` with every reference to a model or source replaced by {{ref('<name>')}}. */
  readonly rendered: { readonly duckdb: string };
  readonly columns: readonly Column[];
  readonly lineage: readonly LineageEdge[];
  /** Inputs read, sorted by name, each a model or a source of the project. */
  readonly inputs: readonly { readonly name: string; readonly kind: 'model' | 'source' }[];
}

export interface CompileModelsResult {
  /** Only models that compiled without error (and whose upstream compiled). */
  readonly models: ReadonlyMap<string, CompiledModelDraft>;
  /** Deterministic topological order of all models without errors. */
  readonly order: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}
