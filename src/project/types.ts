// The project as read from rocky.yaml, sources.yaml and models/: plain data, before compiling.
import type { ModelConfig } from '../objects/types.js';

export type MaskStrategy = 'hash' | 'redact' | 'none';

export interface ProjectConfig {
  readonly name: string;
  readonly warehouse: { readonly type: 'duckdb'; readonly path: string };
  readonly environments: Readonly<Record<string, { readonly masking: boolean }>>;
  readonly masking: Readonly<Record<string, MaskStrategy>>;
  readonly access: readonly unknown[];
  readonly roles: Readonly<Record<string, readonly string[]>>;
  /** Directories (relative to the root, or absolute) outside the repository that file sources
   *  may read; a source path anywhere else outside the repository is an error. */
  readonly data_roots: readonly string[];
  /** DuckDB extensions loaded explicitly before model SQL runs (none is loaded on demand). */
  readonly extensions: readonly string[];
}

export interface SourceColumnDecl {
  readonly name: string;
  /** Declared type, upper case; null when the type comes from the data. */
  readonly type: string | null;
  readonly classification: readonly string[];
}

export interface SourceDecl {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** `path` is relative to the project root. */
  readonly origin: { readonly path: string } | { readonly table: string };
  readonly key: readonly string[];
  readonly time_column: string | null;
  readonly columns: readonly SourceColumnDecl[];
}

export interface ModelDecl {
  readonly name: string;
  /** Relative to the project root, `/`-separated. */
  readonly path: string;
  readonly text: string;
  readonly sidecar: string | null;
  readonly config: ModelConfig;
}

export interface Project {
  readonly config: ProjectConfig;
  readonly sources: readonly SourceDecl[];
  readonly models: readonly ModelDecl[];
}

/** Read access to the files of a project, wherever they live (work tree or a git commit). */
export interface ProjectFiles {
  /** Text of a file relative to the project root, or null when absent. */
  read(path: string): Promise<string | null>;
  /** The files below a directory relative to the project root, at any depth, as paths relative
   *  to that directory (`staging/stg_orders.sql`). */
  list(dir: string): Promise<string[]>;
}
