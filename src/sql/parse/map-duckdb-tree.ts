// Maps one DuckDB json_serialize_sql statement node into the internal AST (parse/ast.ts).
// Unknown DuckDB node classes become `unsupported` nodes (exprs) or throw UnsupportedSql (tables),
// which parse-model.ts turns into a diagnostic.
import type { Cte, Expr, OrderItem, QueryNode, TableRef, OrderDirection } from './ast.js';
import type { Json } from './json.js';
import { logicalTypeText } from './logical-type-text.js';

/** A construct DuckDB parses but the compiler cannot analyze; carries the byte offset. */
export class UnsupportedSql extends Error {
  readonly loc: number;
  constructor(what: string, loc: number) {
    super(what);
    this.loc = loc;
  }
}

export function locOf(n: Json): number {
  const q = n?.query_location;
  return typeof q === 'number' && q >= 0 && q < 1e15 ? q : -1;
}

function direction(t: string): OrderDirection {
  return t === 'DESCENDING' ? 'DESC' : t === 'ASCENDING' ? 'ASC' : 'DEFAULT';
}

function orders(list: Json): OrderItem[] {
  return ((list ?? []) as Json[]).map((o) => ({ direction: direction(o.type), expr: mapExpr(o.expression) }));
}

function constantType(v: Json): string {
  const t = v?.type;
  if (t?.id === 'NULL') return 'NULL';
  return logicalTypeText(t);
}

type ExprMapper = (n: Json, alias: string, loc: number) => Expr;

const EXPR_MAPPERS: Readonly<Record<string, ExprMapper>> = {
  COLUMN_REF: (n, alias, loc) => ({ kind: 'column', names: n.column_names as string[], alias, loc }),
  CONSTANT: (n, alias, loc) => ({ kind: 'constant', type: constantType(n.value), isNull: n.value?.is_null === true, value: n.value?.value, alias, loc }),
  STAR: (n, alias, loc) => ({
    kind: 'star',
    relation: String(n.relation_name ?? ''),
    exclude: ((n.exclude_list ?? []) as Json[]).map(String),
    replace: ((n.replace_list ?? []) as Json[]).map((r) => ({ name: String(r.key), expr: mapExpr(r.value) })),
    columns: n.columns === true || n.expr != null,
    selector: n.expr != null ? mapExpr(n.expr) : null,
    unsupported: ((n.rename_list ?? []) as Json[]).length > 0 ? 'RENAME'
      : ((n.qualified_exclude_list ?? []) as Json[]).length > 0 ? 'a qualified EXCLUDE' : null,
    alias,
    loc,
  }),
  CAST: (n, alias, loc) => ({ kind: 'cast', child: mapExpr(n.child), type: logicalTypeText(n.cast_type), tryCast: n.try_cast === true, alias, loc }),
  FUNCTION: (n, alias, loc) => ({
    kind: 'function',
    name: String(n.function_name).toLowerCase(),
    args: ((n.children ?? []) as Json[]).map(mapExpr),
    distinct: n.distinct === true,
    orderBy: orders(n.order_bys?.orders),
    filter: n.filter ? mapExpr(n.filter) : null,
    isOperator: n.is_operator === true,
    alias,
    loc,
  }),
  WINDOW: (n, alias, loc) => ({
    kind: 'window',
    name: String(n.function_name).toLowerCase(),
    args: ((n.children ?? []) as Json[]).map(mapExpr),
    partitions: ((n.partitions ?? []) as Json[]).map(mapExpr),
    orders: orders(n.orders),
    extras: [n.start_expr, n.end_expr, n.offset_expr, n.default_expr].filter((e) => e != null).map(mapExpr),
    filter: n.filter_expr ? mapExpr(n.filter_expr) : null,
    alias,
    loc,
  }),
  CASE: (n, alias, loc) => ({
    kind: 'case',
    checks: ((n.case_checks ?? []) as Json[]).map((c) => ({ when: mapExpr(c.when_expr), then: mapExpr(c.then_expr) })),
    elseExpr: n.else_expr ? mapExpr(n.else_expr) : null,
    alias,
    loc,
  }),
  COMPARISON: (n, alias, loc) => ({ kind: 'operator', op: String(n.type), args: [mapExpr(n.left), mapExpr(n.right)], alias, loc }),
  CONJUNCTION: (n, alias, loc) => ({ kind: 'operator', op: String(n.type), args: ((n.children ?? []) as Json[]).map(mapExpr), alias, loc }),
  OPERATOR: (n, alias, loc) => (n.type === 'OPERATOR_UNPACK'
    // `*COLUMNS(...)` spreads columns into a call's arguments: not analyzed.
    ? { kind: 'unsupported', what: '*COLUMNS(...) unpacking', alias, loc: locOf(n.children?.[0]) }
    : { kind: 'operator', op: String(n.type), args: ((n.children ?? []) as Json[]).map(mapExpr), alias, loc }),
  BETWEEN: (n, alias, loc) => ({ kind: 'operator', op: 'COMPARE_BETWEEN', args: [mapExpr(n.input), mapExpr(n.lower), mapExpr(n.upper)], alias, loc }),
  SUBQUERY: (n, alias, loc) => ({
    kind: 'subquery',
    subqueryType: String(n.subquery_type),
    query: mapQuery(n.subquery.node),
    child: n.child ? mapExpr(n.child) : null,
    alias,
    loc,
  }),
  LAMBDA: (n, alias, loc) => {
    const lhs = n.lhs as Json;
    const params: string[] =
      lhs?.class === 'COLUMN_REF' ? [String(lhs.column_names.at(-1))]
        : ((lhs?.children ?? []) as Json[]).map((c) => String(c.column_names?.at(-1) ?? ''));
    return { kind: 'lambda', params, body: mapExpr(n.expr), lhs: lhs ? mapExpr(lhs) : null, alias, loc };
  },
};

export function mapExpr(n: Json): Expr {
  const alias = String(n?.alias ?? '');
  const loc = locOf(n);
  const mapper = EXPR_MAPPERS[String(n?.class)];
  return mapper ? mapper(n, alias, loc) : { kind: 'unsupported', what: String(n?.class ?? 'expression').toLowerCase(), alias, loc };
}

function refBase(n: Json): { alias: string; columnAliases: string[]; loc: number } {
  return { alias: String(n.alias ?? ''), columnAliases: ((n.column_name_alias ?? []) as Json[]).map(String), loc: locOf(n) };
}

type TableMapper = (n: Json) => TableRef | null;

const TABLE_MAPPERS: Readonly<Record<string, TableMapper>> = {
  EMPTY: () => null,
  BASE_TABLE: (n) => ({ kind: 'base', schema: String(n.schema_name ?? ''), catalog: String(n.catalog_name ?? ''), name: String(n.table_name), ...refBase(n) }),
  SUBQUERY: (n) => ({ kind: 'subquery', query: mapQuery(n.subquery.node), ...refBase(n) }),
  JOIN: (n) => {
    const left = mapTable(n.left);
    const right = mapTable(n.right);
    if (!left || !right) throw new UnsupportedSql('empty join side', locOf(n));
    return {
      kind: 'join',
      left,
      right,
      condition: n.condition ? mapExpr(n.condition) : null,
      using: ((n.using_columns ?? []) as Json[]).map(String),
      joinType: String(n.join_type),
      refType: String(n.ref_type),
      ...refBase(n),
    };
  },
  TABLE_FUNCTION: (n) => ({ kind: 'table-function', fn: mapExpr(n.function) as Extract<Expr, { kind: 'function' }>, ...refBase(n) }),
  PIVOT: (n) => {
    const source = mapTable(n.source);
    if (!source) throw new UnsupportedSql('PIVOT without a source', locOf(n));
    return {
      kind: 'pivot',
      source,
      aggregates: ((n.aggregates ?? []) as Json[]).map(mapExpr),
      unpivotNames: ((n.unpivot_names ?? []) as Json[]).map(String),
      pivots: ((n.pivots ?? []) as Json[]).map((p) => ({
        exprs: ((p.pivot_expressions ?? []) as Json[]).map(mapExpr),
        unpivotNames: ((p.unpivot_names ?? []) as Json[]).map(String),
        entries: ((p.entries ?? []) as Json[]).map((e) => ({
          // DuckDB names pivot columns after the value's text: NULL for a null.
          values: ((e.values ?? []) as Json[]).map((v) => (v.is_null ? 'NULL' : String(v.value))),
          expr: e.star_expr ? mapExpr(e.star_expr) : null,
          alias: String(e.alias ?? ''),
        })),
        enumName: String(p.pivot_enum ?? ''),
      })),
      groups: ((n.groups ?? []) as Json[]).map(String),
      includeNulls: n.include_nulls === true,
      ...refBase(n),
    };
  },
  EXPRESSION_LIST: (n) => ({ kind: 'values', rows: ((n.values ?? []) as Json[][]).map((row) => row.map(mapExpr)), ...refBase(n) }),
};

export function mapTable(n: Json): TableRef | null {
  if (n == null) return null;
  const mapper = TABLE_MAPPERS[String(n.type)];
  if (!mapper) throw new UnsupportedSql(`${String(n.type).toLowerCase().replace(/_/g, ' ')} in FROM`, locOf(n));
  return mapper(n);
}

function ctes(n: Json): Cte[] {
  return ((n.cte_map?.map ?? []) as Json[]).map((e) => ({
    name: String(e.key),
    columnAliases: ((e.value?.aliases ?? []) as Json[]).map(String),
    query: mapQuery(e.value.query.node),
  }));
}

function modifiers(n: Json): { orderBy: OrderItem[]; limit: boolean; distinct: boolean; distinctOn: Expr[] } {
  let orderBy: OrderItem[] = [];
  let limit = false;
  let distinct = false;
  let distinctOn: Expr[] = [];
  for (const m of (n.modifiers ?? []) as Json[]) {
    if (m.type === 'ORDER_MODIFIER') orderBy = orders(m.orders);
    else if (m.type === 'LIMIT_MODIFIER' || m.type === 'LIMIT_PERCENT_MODIFIER') limit = m.limit != null || m.offset != null;
    else if (m.type === 'DISTINCT_MODIFIER') {
      distinct = true;
      distinctOn = ((m.distinct_on_targets ?? []) as Json[]).map(mapExpr);
    }
  }
  return { orderBy, limit, distinct, distinctOn };
}

export function mapQuery(n: Json): QueryNode {
  if (n.type === 'RECURSIVE_CTE_NODE') {
    return {
      kind: 'recursive',
      ctes: ctes(n),
      name: String(n.cte_name),
      columnAliases: ((n.aliases ?? []) as Json[]).map(String),
      all: n.union_all === true,
      anchor: mapQuery(n.left),
      step: mapQuery(n.right),
      usingKey: ((n.key_targets ?? []) as Json[]).map((k) => {
        const e = mapExpr(k);
        if (e.kind !== 'column') throw new UnsupportedSql('USING KEY with an expression', e.loc);
        return e;
      }),
    };
  }
  if (n.type === 'SET_OPERATION_NODE') {
    const m = modifiers(n);
    return {
      kind: 'setop',
      ctes: ctes(n),
      op: String(n.setop_type),
      all: n.setop_all === true,
      left: mapQuery(n.left),
      right: mapQuery(n.right),
      orderBy: m.orderBy,
      limit: m.limit,
    };
  }
  if (n.type !== 'SELECT_NODE') throw new UnsupportedSql(`${String(n.type).toLowerCase().replace(/_/g, ' ')}`, locOf(n));
  const m = modifiers(n);
  return {
    kind: 'select',
    ctes: ctes(n),
    select: ((n.select_list ?? []) as Json[]).map(mapExpr),
    from: mapTable(n.from_table),
    where: n.where_clause ? mapExpr(n.where_clause) : null,
    groupBy: ((n.group_expressions ?? []) as Json[]).map(mapExpr),
    groupAll: n.aggregate_handling === 'FORCE_AGGREGATES',
    having: n.having ? mapExpr(n.having) : null,
    qualify: n.qualify ? mapExpr(n.qualify) : null,
    orderBy: m.orderBy,
    limit: m.limit,
    distinct: m.distinct,
    distinctOn: m.distinctOn,
  };
}
