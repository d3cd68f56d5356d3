// Infers the DuckDB type of a bound expression. One handler per bound node kind; function calls
// go through FUNCTION_TYPES. Returns UNKNOWN only where no rule applies.
import type { BoundExpr, BoundKind } from '../bind/bound.js';
import { FUNCTION_TYPES } from './function-types.js';
import { commonSupertype, type Typed } from './promote.js';
import { UNKNOWN, structFields, listElement, mapTypes } from './type-text.js';

type Handler<K extends BoundKind> = (e: Extract<BoundExpr, { kind: K }>) => string;

const BOOLEAN_OPS = new Set([
  'COMPARE_EQUAL', 'COMPARE_NOTEQUAL', 'COMPARE_LESSTHAN', 'COMPARE_GREATERTHAN', 'COMPARE_LESSTHANOREQUALTO',
  'COMPARE_GREATERTHANOREQUALTO', 'COMPARE_DISTINCT_FROM', 'COMPARE_NOT_DISTINCT_FROM', 'COMPARE_BETWEEN',
  'COMPARE_NOT_BETWEEN', 'COMPARE_IN', 'COMPARE_NOT_IN', 'CONJUNCTION_AND', 'CONJUNCTION_OR', 'OPERATOR_NOT',
  'OPERATOR_IS_NULL', 'OPERATOR_IS_NOT_NULL', 'OPERATOR_TRY',
]);

export function typedOf(e: BoundExpr): Typed {
  if (e.kind === 'constant') {
    if (e.isNull) return { type: 'NULL', literal: 'null' };
    if (e.type === 'INTEGER' || e.type === 'BIGINT') return { type: e.type, literal: 'integer', value: e.value };
    if (e.type === 'VARCHAR') return { type: 'VARCHAR', literal: 'string' };
  }
  return { type: inferType(e), literal: null };
}

function fieldType(t: string, name: string): string {
  const fields = structFields(t);
  const f = fields?.find((x) => x.name.toLowerCase() === name.toLowerCase());
  return f ? f.type : UNKNOWN;
}

function operatorType(e: Extract<BoundExpr, { kind: 'operator' }>): string {
  if (BOOLEAN_OPS.has(e.op)) return 'BOOLEAN';
  const types = e.args.map(typedOf);
  switch (e.op) {
    case 'OPERATOR_COALESCE':
      return commonSupertype(types);
    case 'STRUCT_EXTRACT': {
      const name = e.args[1]?.kind === 'constant' ? String(e.args[1].value) : '';
      return fieldType(types[0].type, name);
    }
    case 'ARRAY_EXTRACT': {
      const t = types[0].type;
      if (t === 'VARCHAR') return 'VARCHAR';
      const el = listElement(t);
      if (el !== null) return el;
      if (t.startsWith('STRUCT(') && e.args[1]?.kind === 'constant') return fieldType(t, String(e.args[1].value));
      return mapTypes(t)?.value ?? UNKNOWN;
    }
    case 'ARRAY_SLICE':
      return types[0].type;
    case 'GROUPING_FUNCTION': // GROUPING(...) / GROUPING_ID(...): a bit mask of the rolled-up keys
      return 'BIGINT';
    default:
      return UNKNOWN;
  }
}

const HANDLERS: { readonly [K in BoundKind]: Handler<K> } = {
  column: (e) => e.column.type,
  field: (e) => fieldType(inferType(e.child), e.name),
  constant: (e) => (e.isNull ? 'INTEGER' : e.type),
  cast: (e) => e.type,
  function: (e) => {
    const rule = Object.hasOwn(FUNCTION_TYPES, e.name) ? FUNCTION_TYPES[e.name] : undefined;
    if (!rule) return UNKNOWN;
    return rule({ args: e.args.map(typedOf), argNames: e.argNames, values: e.args.map(valueOf) });
  },
  case: (e) => commonSupertype([...e.checks.map((c) => typedOf(c.then)), e.elseExpr ? typedOf(e.elseExpr) : { type: 'NULL', literal: 'null' }]),
  operator: operatorType,
  subquery: (e) => (e.subqueryType === 'SCALAR' ? e.relation.columns[0]?.type ?? UNKNOWN : 'BOOLEAN'),
  lambda: (e) => inferType(e.body),
};

function valueOf(e: BoundExpr): unknown {
  return e.kind === 'constant' ? e.value : undefined;
}

export function inferType(e: BoundExpr): string {
  return (HANDLERS[e.kind] as (x: BoundExpr) => string)(e);
}
