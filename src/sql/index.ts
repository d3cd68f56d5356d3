// The SQL compiler's public face: compile models from DuckDB parse trees, bind rendered SQL to
// physical tables, and map DuckDB byte offsets to line/column.
export { compileModels } from './compile-models.js';
export { readParseTree, type ReadTree } from './parse/read-parse-tree.js';
export { bindInputs } from './render/bind-inputs.js';
export { identifierTokens } from './resolve/identifier-tokens.js';
export { kahnOrder } from './resolve/kahn-order.js';
export { offsetToLineColumn, byteOffsetToIndex, codePointOffsetToIndex, indexToLineColumn } from './offset-to-line-column.js';
export { SQL_DIAGNOSTICS, type SqlDiagnosticCode } from './diagnostic-codes.js';
export { PASSES } from './passes.js';
export type { SqlModelInput, SqlSourceInput, CompiledModelDraft, CompileModelsResult } from './types.js';
