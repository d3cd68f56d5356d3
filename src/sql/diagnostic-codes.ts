// The stable diagnostic codes the SQL compiler emits, each with its severity and one-line
// meaning. docs/diagnostics.md documents the same list; a test keeps the two in step.
import type { Severity } from '../objects/diagnostic.js';

export const SQL_DIAGNOSTICS = {
  SQL_PARSE_ERROR: { severity: 'error', meaning: 'DuckDB could not parse the model' },
  SQL_NOT_SELECT: { severity: 'error', meaning: 'the model is not a SELECT (or WITH ... SELECT)' },
  SQL_MULTIPLE_STATEMENTS: { severity: 'error', meaning: 'the model holds more than one statement' },
  SQL_UNKNOWN_TABLE: { severity: 'error', meaning: 'FROM names a table that is neither a model, a source nor a CTE in scope' },
  SQL_QUALIFIED_TABLE: { severity: 'error', meaning: 'a schema-qualified table is read directly; declare it as a source and use its bare name' },
  SQL_UNKNOWN_COLUMN: { severity: 'error', meaning: 'a column reference matches no column in scope' },
  SQL_AMBIGUOUS_COLUMN: { severity: 'error', meaning: 'an unqualified column exists in more than one table of the FROM clause' },
  SQL_DUPLICATE_COLUMN: { severity: 'error', meaning: 'two output columns of the model have the same name' },
  SQL_DUPLICATE_ALIAS: { severity: 'error', meaning: 'two tables in one FROM clause have the same alias' },
  SQL_SET_OP_ARITY: { severity: 'error', meaning: 'the branches of a UNION/INTERSECT/EXCEPT (or of a recursive CTE) have different column counts' },
  SQL_NAME_CLASH: { severity: 'error', meaning: 'a model and a source (or two models) share a name; names are one namespace' },
  SQL_CYCLE: { severity: 'error', meaning: 'models depend on each other in a cycle' },
  SQL_SELF_REFERENCE: { severity: 'error', meaning: 'a model reads itself' },
  SQL_UNSUPPORTED: { severity: 'error', meaning: 'a construct the compiler cannot analyze (COLUMNS() forms it cannot evaluate, file-reading table functions, the PIVOT / UNPIVOT statement form, ...)' },
  SQL_UPSTREAM_FAILED: { severity: 'warning', meaning: 'the model was skipped because a model it reads failed to compile' },
  SQL_UNNAMED_COLUMN: { severity: 'warning', meaning: 'an output expression has no alias; its name is DuckDB\'s rendering of the expression' },
  SQL_IMPLICIT_CAST: { severity: 'warning', meaning: 'a comparison of a VARCHAR column with another type: DuckDB casts the text on every row and the run fails on a value that does not convert' },
  SQL_TYPE_ERROR: { severity: 'error', meaning: 'DuckDB\'s binder rejects the model (no function or operator for these argument types, a cast it refuses, ...); found at compile time over empty tables of the model\'s inputs' },
  SQL_VOLATILE: { severity: 'warning', meaning: 'the model calls a non-deterministic function (now(), current_date, random(), uuid(), ...): it is rebuilt on every run with everything downstream, and replay reports it diverged with reason volatile' },
  SQL_PIVOT_VALUES: { severity: 'error', meaning: 'a PIVOT or UNPIVOT without an explicit IN (...) list: its output columns would depend on the data' },
} as const satisfies Record<string, { readonly severity: Severity; readonly meaning: string }>;

export type SqlDiagnosticCode = keyof typeof SQL_DIAGNOSTICS;
