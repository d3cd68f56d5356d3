// The working state one compileModels call threads through its passes. Created per call and
// owned by it (never module-level); passes fill it in declared order.
import type { Diagnostic } from '../objects/diagnostic.js';
import type { Column, LineageEdge, RenderedSql } from '../objects/types.js';
import type { BaseTableRef, QueryNode } from './parse/ast.js';
import type { TableResolution } from './bind/bind-context.js';
import type { CompiledModelDraft, SqlModelInput, SqlSourceInput } from './types.js';
import type { SqlDiagnosticCode } from './diagnostic-codes.js';
import { SQL_DIAGNOSTICS } from './diagnostic-codes.js';
import { offsetToLineColumn } from './offset-to-line-column.js';

/** A call of a non-deterministic function; `column`: written as a column (`current_date`), which
 *  is the clock only when no input has a column of that name. */
export interface VolatileCall {
  readonly name: string;
  readonly loc: number;
  readonly column: boolean;
}

export interface ModelState {
  readonly input: SqlModelInput;
  /** Set by the parse pass; null when the model did not parse. */
  ast: QueryNode | null;
  /** True once any error diagnostic concerns this model (or it was skipped). */
  failed: boolean;
  readonly resolutions: Map<BaseTableRef, TableResolution>;
  /** References to models and sources, in text order (for rendering). */
  readonly inputRefs: { readonly ref: BaseTableRef; readonly name: string }[];
  /** Inputs by project name. */
  readonly inputs: Map<string, 'model' | 'source'>;
  /** Set by the analyze pass. */
  columns: Column[] | null;
  lineage: LineageEdge[] | null;
  /** Set by the render pass. */
  rendered: RenderedSql | null;
  /** Set by the analyze pass: some type it inferred is a guess (types/doubtful.ts). */
  unsure: boolean;
  /** Set by the find-volatile pass: calls of non-deterministic functions, first of each name. */
  volatileCalls: VolatileCall[];
  /** Set by the mark-volatile pass: the non-deterministic functions the model calls, sorted. */
  volatile: string[];
}

export interface CompileState {
  readonly models: readonly ModelState[];
  /** Models by lower-case name (the first model of a clashing name). */
  readonly modelsByName: ReadonlyMap<string, ModelState>;
  /** Sources by lower-case name. */
  readonly sourcesByName: ReadonlyMap<string, SqlSourceInput>;
  readonly diagnostics: Diagnostic[];
  /** Topological order of every model (set by the DAG pass; failed ones included). */
  order: string[];
  readonly drafts: Map<string, CompiledModelDraft>;
  /** Output columns of every model that compiled, precompiled ones included (set by assemble). */
  readonly columns: Map<string, readonly Column[]>;
  /** Every model and source name of the project, in its order, for did-you-mean hints; null: the
   *  models and sources given are the whole project. */
  readonly namespace: readonly string[] | null;
}

/** Appends a diagnostic located at a UTF-8 byte offset of a model's text (-1: start of file). */
export function reportAt(state: CompileState, model: ModelState, code: SqlDiagnosticCode, message: string, byteOffset: number, hint?: string, unit: 'byte' | 'codepoint' = 'byte'): void {
  const { line, column } = offsetToLineColumn(model.input.text, byteOffset, unit);
  const severity = SQL_DIAGNOSTICS[code].severity;
  state.diagnostics.push({ code, severity, message, file: model.input.file, line, column, ...(hint !== undefined ? { hint } : {}) });
  if (severity === 'error') model.failed = true;
}

export function buildCompileState(models: readonly SqlModelInput[], sources: readonly SqlSourceInput[], namespace: readonly string[] | null = null): CompileState {
  const states: ModelState[] = models.map((input) => ({
    input, ast: null, failed: false, resolutions: new Map(), inputRefs: [], inputs: new Map(), columns: null, lineage: null, rendered: null, unsure: false, volatileCalls: [], volatile: [],
  }));
  const modelsByName = new Map<string, ModelState>();
  for (const m of states) if (!modelsByName.has(m.input.name.toLowerCase())) modelsByName.set(m.input.name.toLowerCase(), m);
  const sourcesByName = new Map<string, SqlSourceInput>();
  for (const s of sources) if (!sourcesByName.has(s.name.toLowerCase())) sourcesByName.set(s.name.toLowerCase(), s);
  return { models: states, modelsByName, sourcesByName, diagnostics: [], order: [], drafts: new Map(), columns: new Map(), namespace };
}
