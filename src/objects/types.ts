// The content-addressed object kinds of DESIGN.md, as plain readonly data. Every object carries
// `kind` and `version`; the encoding is deterministic (see codec/). No timestamps, absolute
// paths or host names live in model-source, source-schema, compiled-model or plan.
import type { Cid, Link } from './ids.js';

export type Materialization = 'table' | 'view';

export interface Column {
  readonly name: string;
  /** DuckDB type text, upper case (BIGINT, DECIMAL(18,2), VARCHAR, STRUCT(a INTEGER), ...). */
  readonly type: string;
  /** Effective classification tags (pii, financial, ...), sorted; empty when none. */
  readonly classification: readonly string[];
  /** For each tag, the path it came through: qualified columns (`<model or source>.<column>`)
   *  from where it was declared, hop by hop along DIRECT unmasked edges, to this column. Present
   *  only on compiled models' classified columns. */
  readonly classification_path?: Readonly<Record<string, readonly string[]>>;
}

/** OpenLineage column-lineage edge into one output column of a compiled model. */
export interface LineageEdge {
  /** Output column of this model. */
  readonly to: string;
  /** `<input name>.<column>`: an upstream model or a source, by its project name. */
  readonly from: string;
  readonly type: 'DIRECT' | 'INDIRECT';
  readonly subtype: 'IDENTITY' | 'TRANSFORMATION' | 'AGGREGATION' | 'JOIN' | 'GROUP_BY' | 'FILTER' | 'SORT' | 'WINDOW' | 'CONDITIONAL';
  readonly masking: boolean;
}

export interface ModelConfig {
  readonly materialization: Materialization;
  readonly key: readonly string[];
  readonly description: string;
  readonly columns: Readonly<Record<string, { readonly description?: string; readonly classification?: readonly string[] }>>;
}

export interface ModelSourceObject {
  readonly kind: 'model-source';
  readonly version: 1;
  readonly name: string;
  /** Path relative to the project root, with `/` separators. */
  readonly path: string;
  readonly sql: string;
  readonly config: ModelConfig;
}

export interface SourceSchemaObject {
  readonly kind: 'source-schema';
  readonly version: 1;
  readonly name: string;
  /** Where the data comes from: a repository-relative file, or an existing warehouse table. */
  readonly origin: { readonly path: string } | { readonly table: string };
  readonly columns: readonly Column[];
  readonly key: readonly string[];
  readonly time_column: string | null;
}

export interface CompiledInput {
  readonly name: string;
  readonly kind: 'model' | 'source';
  /** compiled-model link for a model, source-schema link for a source. */
  readonly ref: Link;
}

/** A model's SQL for one dialect with its inputs left open: `duckdb` holds `{{ref('<name>')}}`
 *  where each input is read; `refs` says where (string index of the placeholder in `duckdb`,
 *  ascending), so binding never scans the text and cannot touch a comment or a literal that
 *  happens to hold the same characters. Absent in compiled models recorded before it existed. */
export interface RenderedSql {
  readonly duckdb: string;
  readonly refs?: readonly { readonly at: number; readonly name: string }[];
}

export interface CompiledModelObject {
  readonly kind: 'compiled-model';
  readonly version: 1;
  readonly name: string;
  readonly source: Link;
  readonly materialization: Materialization;
  /** The model's SELECT, trimmed, exactly as written. */
  readonly sql: string;
  /** Rendered SQL per dialect: every reference to an input replaced by `{{ref('<name>')}}`,
   *  which the runner binds to a physical table (sql/render/bind-inputs.ts). */
  readonly rendered: RenderedSql;
  /** Non-deterministic functions the model calls (`now`, `random`, ...), sorted; the field is
   *  absent when there are none. Such a model is rebuilt on every run. */
  readonly volatile?: readonly string[];
  readonly columns: readonly Column[];
  readonly lineage: readonly LineageEdge[];
  /** Sorted by name. */
  readonly inputs: readonly CompiledInput[];
}

export interface PlanObject {
  readonly kind: 'plan';
  readonly version: 1;
  readonly project: string;
  /** Sorted by name. */
  readonly models: readonly { readonly name: string; readonly compiled: Link }[];
  readonly sources: readonly { readonly name: string; readonly schema: Link }[];
  /** Model names in a deterministic topological order: the order a full build runs in. */
  readonly order: readonly string[];
}

export interface SourceSnapshotObject {
  readonly kind: 'source-snapshot';
  readonly version: 1;
  readonly name: string;
  readonly columns: readonly Column[];
  readonly rows: number;
  /** Order-independent, duplicate-safe hash of the schema and the rows (see warehouse/). */
  readonly content_hash: string;
  readonly hash_scheme: string;
  /** The immutable physical copy, `_rocky.src_<name>__<prefix>`. */
  readonly table: string;
}

export type ModelRunStatus = 'built' | 'reused' | 'failed' | 'skipped';

/** What one build read: a source's snapshot (by CID) or an upstream model's build (by key). */
export interface BuildInput {
  readonly name: string;
  readonly kind: 'model' | 'source';
  /** Snapshot CID for a source, build key for a model. */
  readonly id: string;
}

export interface ModelRunRecord {
  readonly name: string;
  readonly compiled: Link;
  /** Exactly what this build read, sorted by name; replay re-reads the same. */
  readonly inputs: readonly BuildInput[];
  readonly build_key: string;
  readonly table: string;
  readonly status: ModelRunStatus;
  readonly rows: number | null;
  readonly output_hash: string | null;
  readonly ms: number;
  readonly error: string | null;
}

export interface RunManifestObject {
  readonly kind: 'run-manifest';
  readonly version: 1;
  readonly op: 'run' | 'replay';
  readonly branch: string;
  readonly code_commit: string | null;
  readonly plan: Link;
  readonly actor: string;
  readonly started_at: string;
  readonly ended_at: string;
  readonly status: 'success' | 'failed';
  readonly warehouse: { readonly type: 'duckdb'; readonly version: string };
  readonly hash_scheme: string;
  readonly snapshots: readonly { readonly name: string; readonly snapshot: Link }[];
  readonly models: readonly ModelRunRecord[];
}

export interface EnvModel {
  readonly name: string;
  readonly compiled: Link;
  readonly build_key: string;
  readonly inputs: readonly BuildInput[];
  readonly table: string;
  readonly output_hash: string | null;
  readonly rows: number | null;
}

export interface EnvObject {
  readonly kind: 'env';
  readonly version: 1;
  readonly branch: string;
  readonly schema: string;
  /** Sorted by name. */
  readonly models: readonly EnvModel[];
  readonly snapshots: readonly { readonly name: string; readonly snapshot: Link }[];
}

export type RockyObject =
  | ModelSourceObject
  | SourceSchemaObject
  | CompiledModelObject
  | PlanObject
  | SourceSnapshotObject
  | RunManifestObject
  | EnvObject;

export type ObjectKind = RockyObject['kind'];

export type { Cid, Link };
