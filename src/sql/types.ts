// The compiler's input and output: plain data. sql/ is pure (no I/O): the caller obtains DuckDB
// parse trees (warehouse.parseSql) and passes them in with the text they came from.
import type { Diagnostic } from '../objects/diagnostic.js';
import type { Column, LineageEdge, Materialization, RenderedSql } from '../objects/types.js';
import type { ReadTree } from './parse/read-parse-tree.js';
import type { BinderAnswer } from '../objects/binder-answer.js';

export interface SqlModelInput {
  readonly name: string;
  /** Repository-relative path, for diagnostics. */
  readonly file: string;
  /** The whole file text (diagnostic positions are computed against it). */
  readonly text: string;
  /** DuckDB json_serialize_sql output for `text`, as returned by the parser; null for a
   *  precompiled model. */
  readonly tree: string | null;
  /** The tree already read (readParseTree), when the caller read it as the parser delivered it;
   *  then `tree` may be null. */
  readonly read?: ReadTree;
  /** The result of an earlier compile of this exact model (same text, path and config) that the
   *  caller vouches for: its inputs resolve as they did then. The passes take its inputs and
   *  columns as given instead of analyzing it; it gets no draft. The caller must check that its
   *  upstream columns are still the ones it was compiled against (compile-plan does). */
  readonly precompiled?: PrecompiledModel;
  /** DuckDB binder's answer for this model, when an earlier compile of the same inputs found it
   *  unsure (CompileModelsResult.unsure): its output column types replace the inferred ones, its
   *  error fails the model. */
  readonly binder?: BinderAnswer;
  readonly materialization: Materialization;
  /** Classification declared on this model's output columns in its sidecar. */
  readonly classification: Readonly<Record<string, readonly string[]>>;
}

export type { BinderAnswer } from '../objects/binder-answer.js';

export interface PrecompiledModel {
  readonly inputs: readonly { readonly name: string; readonly kind: 'model' | 'source' }[];
  /** Its output columns, classified. */
  readonly columns: readonly Column[];
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
  readonly rendered: RenderedSql;
  /** Non-deterministic functions the model calls (sql/volatile/), sorted; empty for most. */
  readonly volatile: readonly string[];
  readonly columns: readonly Column[];
  readonly lineage: readonly LineageEdge[];
  /** Inputs read, sorted by name, each a model or a source of the project. */
  readonly inputs: readonly { readonly name: string; readonly kind: 'model' | 'source' }[];
}

export interface CompileModelsResult {
  /** Only models that compiled without error (and whose upstream compiled); precompiled models
   *  have none. */
  readonly models: ReadonlyMap<string, CompiledModelDraft>;
  /** Output columns of every model in `order` (precompiled ones as given). */
  readonly columns: ReadonlyMap<string, readonly Column[]>;
  /** Deterministic topological order of all models without errors (precompiled ones included). */
  readonly order: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
  /** Models in `order` whose types the compiler cannot vouch for and that were given no binder
   *  answer: the caller asks DuckDB's binder about them and compiles again with the answers. */
  readonly unsure: readonly string[];
}
