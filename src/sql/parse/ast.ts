// The internal SQL AST: a small, plain-data subset of DuckDB's parse tree that the compiler's
// passes need. `loc` is a UTF-8 byte offset into the model text, or -1 when DuckDB gave none.

export type OrderDirection = 'ASC' | 'DESC' | 'DEFAULT';

export interface OrderItem {
  readonly direction: OrderDirection;
  readonly expr: Expr;
}

interface ExprBase {
  readonly alias: string;
  readonly loc: number;
}

export interface ColumnExpr extends ExprBase { readonly kind: 'column'; readonly names: readonly string[] }
export interface ConstantExpr extends ExprBase {
  readonly kind: 'constant';
  /** DuckDB type text of the literal (INTEGER, DECIMAL(2,1), VARCHAR, NULL, ...). */
  readonly type: string;
  readonly isNull: boolean;
  readonly value: unknown;
}
export interface StarExpr extends ExprBase {
  readonly kind: 'star';
  readonly relation: string;
  readonly exclude: readonly string[];
  readonly replace: readonly { readonly name: string; readonly expr: Expr }[];
  /** COLUMNS(...) rather than a plain star. */
  readonly columns: boolean;
  /** COLUMNS' argument when it is not a star: a regex string, a list of names, or a lambda
   *  (DuckDB parses `COLUMNS(c -> ...)` as `list_filter(*, c -> ...)`). */
  readonly selector: Expr | null;
  /** A star modifier the compiler does not analyze (RENAME, qualified EXCLUDE), for the diagnostic. */
  readonly unsupported: string | null;
}
export interface CastExpr extends ExprBase { readonly kind: 'cast'; readonly child: Expr; readonly type: string; readonly tryCast: boolean }
export interface FunctionExpr extends ExprBase {
  readonly kind: 'function';
  /** Lower case; operators keep their symbol (`+`, `||`, `~~`). */
  readonly name: string;
  readonly args: readonly Expr[];
  readonly distinct: boolean;
  readonly orderBy: readonly OrderItem[];
  readonly filter: Expr | null;
  readonly isOperator: boolean;
}
export interface WindowExpr extends ExprBase {
  readonly kind: 'window';
  readonly name: string;
  readonly args: readonly Expr[];
  readonly partitions: readonly Expr[];
  readonly orders: readonly OrderItem[];
  /** Frame bounds, offsets and defaults (lag(x, 1, default)): read but not part of the value's identity. */
  readonly extras: readonly Expr[];
  readonly filter: Expr | null;
}
export interface CaseExpr extends ExprBase {
  readonly kind: 'case';
  readonly checks: readonly { readonly when: Expr; readonly then: Expr }[];
  readonly elseExpr: Expr | null;
}
/** Comparisons, AND/OR, NOT, IS NULL, IN, COALESCE, BETWEEN, element/field extraction. */
export interface OperatorExpr extends ExprBase { readonly kind: 'operator'; readonly op: string; readonly args: readonly Expr[] }
export interface SubqueryExpr extends ExprBase {
  readonly kind: 'subquery';
  /** SCALAR, EXISTS, NOT_EXISTS, ANY. */
  readonly subqueryType: string;
  readonly query: QueryNode;
  readonly child: Expr | null;
}
/** `lhs -> body`: a lambda inside a lambda function (list_transform...), elsewhere DuckDB's JSON
 *  operator `->` (json_extract(lhs, body)); the parser cannot tell them apart, the binder does. */
export interface LambdaExpr extends ExprBase { readonly kind: 'lambda'; readonly params: readonly string[]; readonly body: Expr; readonly lhs: Expr | null }
/** Anything else DuckDB can parse (parameters, COLLATE, ...): kept so diagnostics can point at it. */
export interface UnsupportedExpr extends ExprBase { readonly kind: 'unsupported'; readonly what: string }

export type Expr =
  | ColumnExpr | ConstantExpr | StarExpr | CastExpr | FunctionExpr | WindowExpr | CaseExpr
  | OperatorExpr | SubqueryExpr | LambdaExpr | UnsupportedExpr;
export type ExprKind = Expr['kind'];

export interface Cte { readonly name: string; readonly columnAliases: readonly string[]; readonly query: QueryNode }

export interface SelectNode {
  readonly kind: 'select';
  readonly ctes: readonly Cte[];
  readonly select: readonly Expr[];
  readonly from: TableRef | null;
  readonly where: Expr | null;
  readonly groupBy: readonly Expr[];
  readonly groupAll: boolean;
  readonly having: Expr | null;
  readonly qualify: Expr | null;
  readonly orderBy: readonly OrderItem[];
  readonly limit: boolean;
  readonly distinct: boolean;
  /** DISTINCT ON (...) keys; empty for plain DISTINCT or none. */
  readonly distinctOn: readonly Expr[];
}
export interface SetOpNode {
  readonly kind: 'setop';
  readonly ctes: readonly Cte[];
  /** UNION, UNION_BY_NAME, EXCEPT, INTERSECT. */
  readonly op: string;
  readonly all: boolean;
  readonly left: QueryNode;
  readonly right: QueryNode;
  readonly orderBy: readonly OrderItem[];
  readonly limit: boolean;
}
/** A WITH RECURSIVE CTE: `anchor UNION [ALL] step`, where `step` may read the CTE itself (`name`). */
export interface RecursiveNode {
  readonly kind: 'recursive';
  readonly ctes: readonly Cte[];
  /** The CTE being defined: visible in `step`, not in `anchor` (as DuckDB scopes it). */
  readonly name: string;
  readonly columnAliases: readonly string[];
  readonly all: boolean;
  readonly anchor: QueryNode;
  readonly step: QueryNode;
  /** USING KEY (...) columns; empty without USING KEY. */
  readonly usingKey: readonly ColumnExpr[];
}
export type QueryNode = SelectNode | SetOpNode | RecursiveNode;

interface RefBase { readonly alias: string; readonly columnAliases: readonly string[]; readonly loc: number }
export interface BaseTableRef extends RefBase { readonly kind: 'base'; readonly schema: string; readonly catalog: string; readonly name: string }
export interface SubqueryRef extends RefBase { readonly kind: 'subquery'; readonly query: QueryNode }
export interface JoinRef extends RefBase {
  readonly kind: 'join';
  readonly left: TableRef;
  readonly right: TableRef;
  readonly condition: Expr | null;
  readonly using: readonly string[];
  /** INNER, LEFT, RIGHT, FULL, SEMI, ANTI. */
  readonly joinType: string;
  /** REGULAR, NATURAL, CROSS, POSITIONAL, ASOF, DEPENDENT. */
  readonly refType: string;
}
export interface TableFunctionRef extends RefBase { readonly kind: 'table-function'; readonly fn: FunctionExpr }
export interface ValuesRef extends RefBase { readonly kind: 'values'; readonly rows: readonly (readonly Expr[])[] }
/** One IN (...) entry of PIVOT / UNPIVOT: constant values (PIVOT) or column names (UNPIVOT), or an
 *  expression (UNPIVOT IN (CAST(x AS ...))), with an optional alias. */
export interface PivotEntry { readonly values: readonly string[]; readonly expr: Expr | null; readonly alias: string }
export interface PivotColumn {
  /** PIVOT: the FOR expressions; empty for UNPIVOT. */
  readonly exprs: readonly Expr[];
  /** UNPIVOT: the name column(s) (`FOR name IN ...`). */
  readonly unpivotNames: readonly string[];
  readonly entries: readonly PivotEntry[];
  /** `IN enum_name` instead of a list: the values come from data. */
  readonly enumName: string;
}
/** `FROM src PIVOT (aggs FOR col IN (...) GROUP BY ...)` and `FROM src UNPIVOT (val FOR name IN (...))`. */
export interface PivotRef extends RefBase {
  readonly kind: 'pivot';
  readonly source: TableRef;
  readonly aggregates: readonly Expr[];
  /** UNPIVOT value column name(s); empty for PIVOT. */
  readonly unpivotNames: readonly string[];
  readonly pivots: readonly PivotColumn[];
  readonly groups: readonly string[];
  readonly includeNulls: boolean;
}
export type TableRef = BaseTableRef | SubqueryRef | JoinRef | TableFunctionRef | ValuesRef | PivotRef;
export type TableRefKind = TableRef['kind'];
