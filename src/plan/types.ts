// What compiling a project produces: the plan, every object it reaches, and the diagnostics.
import type { EncodedObject } from '../codec/encode-object.js';
import type { Diagnostic } from '../objects/diagnostic.js';
import type { Cid } from '../objects/ids.js';
import type { CompiledModelObject, Column, PlanObject, SourceSchemaObject } from '../objects/types.js';
import type { SourceDecl } from '../project/types.js';
import type { BinderAnswer, ModelInputSchema } from '../objects/binder-answer.js';

export interface CompiledEntry {
  readonly cid: Cid;
  /** Decoded on first access when the model came from the compile cache. */
  readonly object: CompiledModelObject;
  /** The object's columns and input names, available without decoding it. */
  readonly columns: readonly Column[];
  readonly upstream: readonly string[];
}

export interface SourceEntry {
  readonly cid: Cid;
  readonly object: SourceSchemaObject;
  readonly decl: SourceDecl;
}

export interface CompiledPlan {
  readonly planCid: Cid;
  readonly plan: PlanObject;
  /** Every object the plan reaches (model sources, source schemas, compiled models, the plan). */
  readonly objects: readonly EncodedObject[];
  readonly models: ReadonlyMap<string, CompiledEntry>;
  readonly sources: ReadonlyMap<string, SourceEntry>;
  readonly diagnostics: readonly Diagnostic[];
  /** Models taken from the compile cache (text, config and inputs unchanged) / compiled. */
  readonly reuse: { readonly reused: number; readonly compiled: number };
}

/** Receives a text's tree by index as soon as it is parsed (the warehouse's OnTree, restated:
 *  plan/ does not import warehouse/). */
export type OnTree = (index: number, tree: string) => void;

/** The I/O a compile needs, provided by the caller (the warehouse's parser and describer). */
export interface CompileDeps {
  /** The trees, in order; or, with `onTree` (optional for the parser to honour), each one handed
   *  to it by index as soon as it is parsed, so the compiler can read it while the rest are
   *  parsed, and an empty array (a parser that honours it need not keep them). */
  parseSql(sqls: readonly string[], onTree?: OnTree): Promise<string[]>;
  describeSource(origin: { readonly file: string } | { readonly table: string }): Promise<Column[]>;
  /** Absolute project root when compiling the work tree (sources' files can be read); null for a
   *  past commit, where only declared types are available. */
  readonly root: string | null;
  /** DuckDB's binder, asked about a model whose types the compiler cannot vouch for (an unknown
   *  function, arithmetic on types it does not model, ...): its output columns, or the error
   *  DuckDB raises, over empty tables of its inputs. Without it the inferred types stand. */
  describeModel?(text: string, inputs: readonly ModelInputSchema[]): Promise<BinderAnswer>;
  /** Called once this compile needs the parser no more (it can release its memory). */
  doneParsing?(): Promise<void>;
  /** Called with each phase's wall time (benchmarks, --debug). */
  readonly onPhase?: (phase: 'sources' | 'parse' | 'compile' | 'objects', ms: number) => void;
}
