// Whether the compiler can vouch for one bound node: its type is known and DuckDB's binder is
// sure to accept it. When it cannot (an unlisted function, UNKNOWN, arithmetic or a string
// function on types it does not model), the model is "unsure" and the caller asks DuckDB's binder
// for that model (plan/compile-plan.ts); the fast inference stays the answer everywhere else.
// Only the node itself is judged: its children were judged when they were bound.
import type { BoundExpr } from '../bind/bound.js';
import { FUNCTION_TYPES } from './function-types.js';
import { inferType, typedOf } from './infer-type.js';
import { UNKNOWN, isNumeric, isTemporal } from './type-text.js';

/** Functions whose first argument DuckDB accepts only as VARCHAR (no implicit cast from other
 *  types): `upper(amount)` is a binder error, not a VARCHAR. */
const STRING_ARG_FNS = new Set([
  'upper', 'lower', 'ucase', 'lcase', 'trim', 'ltrim', 'rtrim', 'substr', 'substring', 'replace', 'lpad', 'rpad',
  'regexp_replace', 'regexp_extract', 'regexp_matches', 'split_part', 'starts_with', 'ends_with', 'contains',
  'strip_accents', 'initcap', 'left', 'right', 'string_split', 'str_split', 'string_agg', 'group_concat', 'listagg',
]);

const ARITHMETIC = new Set(['+', '-', '*', '/', '//', '%', 'add', 'subtract', 'multiply', 'divide', 'fdiv', 'mod']);

/** Aggregates DuckDB defines on numbers only. */
const NUMERIC_AGGREGATES = new Set(['sum', 'sum_no_overflow', 'avg', 'mean', 'median', 'stddev', 'stddev_samp', 'stddev_pop',
  'variance', 'var_samp', 'var_pop', 'product', 'fsum', 'sumkahan', 'quantile_cont', 'kurtosis', 'skewness']);

function plainString(t: { type: string; literal: string | null }): boolean {
  return t.literal !== null || t.type === 'VARCHAR';
}

function family(t: string): string {
  return isNumeric(t) ? 'number' : t === 'DATE' || t.startsWith('TIMESTAMP') ? 'timestamp' : t;
}

/** Values DuckDB compares without a cast it might refuse or apply to every row (DATE = VARCHAR
 *  binds, but casts the text column and fails at run time on the first non-date). */
function comparable(args: readonly { type: string; literal: string | null }[]): boolean {
  if (args.some((a) => a.type === UNKNOWN)) return false;
  const typed = args.filter((a) => a.literal === null);
  return typed.every((a) => family(a.type) === family(typed[0].type));
}

export function doubtful(e: BoundExpr): boolean {
  switch (e.kind) {
    case 'column':
      return e.column.type === UNKNOWN;
    case 'function': {
      const rule = Object.hasOwn(FUNCTION_TYPES, e.name) ? FUNCTION_TYPES[e.name] : undefined;
      if (!rule) return true;
      const args = e.args.map(typedOf);
      if (args.some((a) => a.type === UNKNOWN)) return true;
      if (rule({ args, argNames: e.argNames, values: e.args.map((a) => (a.kind === 'constant' ? a.value : undefined)) }) === UNKNOWN) return true;
      if (ARITHMETIC.has(e.name) && args.length === 2) {
        // Numbers with numbers, or temporal arithmetic the rules know (inferType did not say
        // UNKNOWN); a string literal next to a date (`d + 'x'`) is ambiguous to DuckDB.
        const [a, b] = args;
        if (a.literal === 'string' || b.literal === 'string') return !(isNumeric(a.type) || isNumeric(b.type)) || isTemporal(a.type) || isTemporal(b.type);
        return false;
      }
      if (STRING_ARG_FNS.has(e.name)) return args.length > 0 && !plainString(args[0]);
      if (NUMERIC_AGGREGATES.has(e.name)) return args.length > 0 && args[0].literal === null && !isNumeric(args[0].type);
      return false;
    }
    case 'operator':
      if (e.op.startsWith('COMPARE_')) return !comparable(e.args.map(typedOf));
      return inferType(e) === UNKNOWN;
    case 'case':
      return inferType(e) === UNKNOWN;
    case 'lambda': // a lambda outside a lambda-taking function's arguments: not one the rules know
      return true;
    default:
      return false;
  }
}

/** A comparison DuckDB binds by casting a text column to the other side's type on every row
 *  (`date_col = text_col`): the model compiles and its run fails on the first value that does
 *  not convert. The message for a warning, or null. */
export function implicitCastWarning(e: BoundExpr): string | null {
  if (e.kind !== 'operator' || !e.op.startsWith('COMPARE_')) return null;
  const typed = e.args.map(typedOf).filter((a) => a.literal === null && a.type !== UNKNOWN);
  const text = typed.find((a) => a.type === 'VARCHAR');
  const other = typed.find((a) => a.type !== 'VARCHAR' && a.type !== 'JSON');
  if (!text || !other) return null;
  return `comparing ${other.type} with VARCHAR: DuckDB casts every VARCHAR value to ${other.type}, and the run fails on the first one that does not convert`;
}
