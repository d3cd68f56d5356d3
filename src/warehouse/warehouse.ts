// The warehouse adapter contract. DuckDB implements it first; every adapter passes the same
// contract suite (test/warehouse/contract.ts). Identifiers passed in are unquoted names; the
// adapter quotes them.
import type { BinderAnswer, ModelInputSchema } from '../objects/binder-answer.js';
import type { Column } from '../objects/types.js';

export interface TableRef {
  readonly schema: string;
  readonly name: string;
}

export interface SnapshotResult {
  readonly table: TableRef;
  readonly columns: readonly Column[];
  readonly rows: number;
  readonly contentHash: string;
  /** True when the snapshot table existed already and was reused. */
  readonly reused: boolean;
}

export interface BuildResult {
  readonly rows: number;
  readonly outputHash: string;
  readonly ms: number;
  /** The built table's columns as the warehouse typed them (the run checks them against the
   *  compiled ones). */
  readonly columns: readonly Column[];
}

export interface ViewSpec {
  readonly name: string;
  /** The SELECT the view runs, already bound to physical tables. */
  readonly select: string;
}

export interface DiffCounts {
  readonly onlyInLeft: number;
  readonly onlyInRight: number;
}

export interface Capabilities {
  /** Views can be created and replaced inside one transaction (true on DuckDB). */
  readonly transactionalDdl: boolean;
  /** A native zero-copy clone exists (false on DuckDB: environments are views). */
  readonly zeroCopyClone: boolean;
}

/** Receives each text's tree (by index) as soon as its batch is parsed, before parseSql returns. */
export type { BinderAnswer, ModelInputSchema };

export type OnTree = (index: number, tree: string) => void;

export interface Warehouse {
  readonly type: 'duckdb';
  readonly capabilities: Capabilities;
  /** Engine version, recorded in run manifests (hashes are only comparable within one version). */
  version(): Promise<string>;
  /** Name of the row-hash scheme outputHash and contentHash use. */
  readonly hashScheme: string;

  /** DuckDB's parser: json_serialize_sql for each text, batched. Returns the raw JSON texts in
   *  order; with `onTree`, each is handed to it as its batch arrives instead and the array
   *  returned is empty (10,000 models' trees are ~30 MB: not held twice). */
  parseSql(sqls: readonly string[], onTree?: OnTree): Promise<string[]>;
  /** DuckDB's binder on a model's text over empty tables of its inputs (named as the model
   *  reads them): its output columns, or the error with its line and column in `text`. Use on a
   *  scratch warehouse: it creates and drops a schema of its own. */
  describeModel(text: string, inputs: readonly ModelInputSchema[]): Promise<BinderAnswer>;
  /** Column names and types of a CSV/Parquet file (absolute path) or an existing table. */
  describeSource(origin: { readonly file: string } | { readonly table: string }): Promise<Column[]>;

  /** From now on, for this warehouse's whole process-wide instance: no file or network access
   *  from SQL, no extension installed or loaded on demand, settings locked. Model SQL runs after
   *  this; sources are snapshotted before it. One way: it lasts until the instance is closed.
   *  `extensions` (names) are loaded first, explicitly. */
  lockDown?(extensions?: readonly string[]): Promise<void>;
  /** Loads the source into an immutable content-addressed table `<schema>.src_<name>__<hash prefix>`,
   *  reusing it when a table of that content exists. `fileDigest` (sha256 of a source file) lets
   *  the adapter skip reading an unchanged file. `columns` forces declared types. */
  snapshotSource(input: {
    readonly name: string;
    readonly origin: { readonly file: string } | { readonly table: string };
    readonly columns: readonly Column[] | null;
    readonly schema: string;
    readonly fileDigest: string | null;
  }): Promise<SnapshotResult>;

  tableExists(table: TableRef): Promise<boolean>;
  /** CREATE TABLE target AS <select>, atomically (no half-built table is left under the name),
   *  then hashes the output. Throws WarehouseError with the engine's message on failure. */
  buildTable(target: TableRef, select: string): Promise<BuildResult>;
  /** Output hash and row count of an existing table (same scheme as buildTable). */
  hashTable(table: TableRef): Promise<{ readonly rows: number; readonly outputHash: string; readonly columns: readonly Column[] }>;
  /** Rows only in left and only in right (multiset EXCEPT ALL both ways). */
  diffTables(left: TableRef, right: TableRef): Promise<DiffCounts>;

  ensureSchema(schema: string): Promise<void>;
  dropSchema(schema: string): Promise<void>;
  dropTable(table: TableRef): Promise<void>;
  /** Replaces the views of one schema in a single transaction: creates/replaces `views`, drops
   *  the views named in `drop`. All or nothing. */
  replaceViews(schema: string, views: readonly ViewSpec[], drop: readonly string[]): Promise<void>;
  /** replaceViews, then `beforeCommit` inside the same transaction (e.g. a git ref
   *  compare-and-swap); if it throws, the view changes are rolled back and its error rethrown.
   *  `beforeCommit` must not call this warehouse. Optional: only adapters with transactional DDL. */
  replaceViewsThen?(schema: string, views: readonly ViewSpec[], drop: readonly string[], beforeCommit: () => Promise<void>): Promise<void>;
  listViews(schema: string): Promise<string[]>;
  listTables(schema: string): Promise<string[]>;
  /** Runs a query and returns rows as plain objects (for tests, `branch show`, demos). */
  query(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}
