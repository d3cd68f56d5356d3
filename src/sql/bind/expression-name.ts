// The output name DuckDB gives an unaliased select-list expression: its rendering of the parse
// tree. Reproduced for columns, constants, casts, plain calls and binary operators; other
// expressions get an approximation (the compiler warns with SQL_UNNAMED_COLUMN for those anyway).
import type { Expr } from '../parse/ast.js';

const COMPARISON_SYMBOLS: Readonly<Record<string, string>> = {
  COMPARE_EQUAL: '=', COMPARE_NOTEQUAL: '!=', COMPARE_LESSTHAN: '<', COMPARE_GREATERTHAN: '>',
  COMPARE_LESSTHANOREQUALTO: '<=', COMPARE_GREATERTHANOREQUALTO: '>=', CONJUNCTION_AND: 'AND', CONJUNCTION_OR: 'OR',
};

export function expressionName(e: Expr): string {
  switch (e.kind) {
    case 'column':
      return e.names[e.names.length - 1];
    case 'constant':
      if (e.isNull) return 'NULL';
      return e.type === 'VARCHAR' ? `'${String(e.value).replace(/'/g, "''")}'` : e.type.startsWith('DECIMAL') ? decimalLiteral(e.type, e.value) : String(e.value);
    case 'cast':
      return `${e.tryCast ? 'TRY_CAST' : 'CAST'}(${expressionName(e.child)} AS ${e.type})`;
    case 'function': {
      if (e.isOperator && e.args.length === 2) return `(${expressionName(e.args[0])} ${e.name} ${expressionName(e.args[1])})`;
      if (e.isOperator && e.args.length === 1) return `${e.name}(${expressionName(e.args[0])})`;
      return `${e.name}(${e.distinct ? 'DISTINCT ' : ''}${e.args.map(expressionName).join(', ')})`;
    }
    case 'window':
      return `${e.name}(${e.args.map(expressionName).join(', ')}) OVER (...)`;
    case 'operator': {
      const sym = COMPARISON_SYMBOLS[e.op];
      if (sym) return `(${e.args.map(expressionName).join(` ${sym} `)})`;
      if (e.op === 'OPERATOR_COALESCE') return `COALESCE(${e.args.map(expressionName).join(', ')})`;
      if (e.op === 'GROUPING_FUNCTION') return `GROUPING(${e.args.map(expressionName).join(', ')})`; // also GROUPING_ID
      if (e.op === 'STRUCT_EXTRACT' && e.args[1]?.kind === 'constant') return String(e.args[1].value);
      return e.op.toLowerCase();
    }
    case 'case':
      return 'CASE ... END';
    case 'subquery':
      return 'subquery';
    case 'lambda': // outside a lambda function: the JSON operator, named like a binary operator
      return e.lhs ? `(${expressionName(e.lhs)} -> ${expressionName(e.body)})` : 'lambda';
    case 'star': // only inside an expand-columns approximation; DuckDB prints the qualified column
      return e.columns ? 'COLUMNS(...)' : '*';
    default:
      return e.kind;
  }
}

function decimalLiteral(type: string, value: unknown): string {
  const m = /DECIMAL\((\d+),(\d+)\)/.exec(type);
  const scale = m ? Number(m[2]) : 0;
  const digits = String(value).padStart(scale + 1, '0');
  return scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
}

/** True when DuckDB's name for the expression is reproduced exactly by expressionName. */
export function isNameExact(e: Expr): boolean {
  if (e.kind === 'operator' && e.op === 'GROUPING_FUNCTION') return e.args.every((a) => a.kind === 'column' && a.names.length === 1);
  return e.kind === 'column' || e.kind === 'constant' || (e.kind === 'operator' && e.op === 'STRUCT_EXTRACT');
}
