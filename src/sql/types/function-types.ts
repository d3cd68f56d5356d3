// Return-type rules for DuckDB functions by name (lower case). Arguments arrive typed; a rule
// returns DuckDB type text or UNKNOWN. Unlisted functions are UNKNOWN (the caller then asks
// DuckDB's binder). Aggregates and window functions are listed in aggregate-names.ts.
import { UNKNOWN, isInteger, isFloat, parseDecimal, decimalText, listElement, mapTypes, quoteFieldName, structFields } from './type-text.js';
import { commonSupertype, arithmeticType, type Typed } from './promote.js';

export interface CallInfo {
  readonly args: readonly Typed[];
  readonly argNames: readonly string[];
  /** Literal values of constant arguments (undefined otherwise). */
  readonly values: readonly unknown[];
}
export type TypeRule = (c: CallInfo) => string;

const fixed = (t: string): TypeRule => () => t;
const arg0: TypeRule = (c) => c.args[0]?.type ?? UNKNOWN;
const supertype: TypeRule = (c) => commonSupertype(c.args);

const sum: TypeRule = (c) => {
  const t = c.args[0]?.type ?? UNKNOWN;
  if (isInteger(t)) return 'HUGEINT';
  if (isFloat(t)) return 'DOUBLE';
  const d = parseDecimal(t);
  return d ? decimalText(38, d.scale) : UNKNOWN;
};
const round: TypeRule = (c) => {
  const t = c.args[0]?.type ?? UNKNOWN;
  const d = parseDecimal(t);
  if (!d) return t;
  const digits = typeof c.values[1] === 'number' ? Math.max(0, Math.min(d.scale, c.values[1] as number)) : c.args.length > 1 ? d.scale : 0;
  return decimalText(d.width, digits);
};
const floorCeil: TypeRule = (c) => {
  const t = c.args[0]?.type ?? UNKNOWN;
  const d = parseDecimal(t);
  if (d) return decimalText(d.width, 0);
  return isInteger(t) ? 'DOUBLE' : t;
};
/** median / quantile_cont: a DECIMAL or FLOAT keeps its type, other numbers are DOUBLE; dates
 *  and times are left to DuckDB's binder. */
const median: TypeRule = (c) => {
  const t = c.args[0]?.type ?? UNKNOWN;
  if (parseDecimal(t) !== null || t === 'FLOAT') return t;
  return isInteger(t) || t === 'DOUBLE' ? 'DOUBLE' : UNKNOWN;
};
const trunc: TypeRule = (c) => {
  const t = c.args[0]?.type ?? UNKNOWN;
  const d = parseDecimal(t);
  return d && c.args.length === 1 ? decimalText(d.width, 0) : t;
};
/** JSON functions: a list of paths gives a list of results. */
const jsonPath = (t: string): TypeRule => (c) => (c.args[1] && listElement(c.args[1].type) !== null ? `${t}[]` : t);
const dateTrunc: TypeRule = (c) => {
  const t = c.args[1]?.type ?? UNKNOWN;
  return t === 'TIMESTAMP WITH TIME ZONE' ? t : t === 'DATE' || t.startsWith('TIMESTAMP') ? 'TIMESTAMP' : t === 'INTERVAL' ? 'INTERVAL' : UNKNOWN;
};
const listOf: TypeRule = (c) => (c.args[0] && c.args[0].type !== UNKNOWN ? `${c.args[0].type}[]` : UNKNOWN);
const listValue: TypeRule = (c) => {
  if (c.args.length === 0) return 'INTEGER[]';
  const t = commonSupertype(c.args);
  return t === UNKNOWN ? UNKNOWN : `${t}[]`;
};
const element: TypeRule = (c) => {
  const t = c.args[0]?.type ?? UNKNOWN;
  const e = listElement(t);
  if (e !== null) return e;
  if (t === 'VARCHAR') return 'VARCHAR';
  return mapTypes(t)?.value ?? UNKNOWN;
};
const structPack: TypeRule = (c) =>
  c.args.some((a) => a.type === UNKNOWN) ? UNKNOWN
    : `STRUCT(${c.args.map((a, i) => `${quoteFieldName(c.argNames[i] || `v${i + 1}`)} ${a.literal === 'null' ? 'INTEGER' : a.type}`).join(', ')})`;
/** struct_extract(s, 'name'): the field's type (names match case-insensitively). */
const structExtract: TypeRule = (c) => {
  const name = typeof c.values[1] === 'string' ? c.values[1].toLowerCase() : null;
  return structFields(c.args[0]?.type ?? '')?.find((f) => f.name.toLowerCase() === name)?.type ?? UNKNOWN;
};
/** map(keys, values) / MAP {k: v}: MAP(key element, value element). */
const mapOf: TypeRule = (c) => {
  const k = listElement(c.args[0]?.type ?? '');
  const v = listElement(c.args[1]?.type ?? '');
  return k && v && k !== UNKNOWN && v !== UNKNOWN ? `MAP(${k}, ${v})` : UNKNOWN;
};
/** element_at / map_extract (a list of the matches) and map_extract_value (the value) of a MAP. */
const mapValue = (asList: boolean): TypeRule => (c) => {
  const v = mapTypes(c.args[0]?.type ?? '')?.value;
  return v === undefined ? UNKNOWN : asList ? `${v}[]` : v;
};
const concatOp: TypeRule = (c) => (listElement(c.args[0]?.type ?? '') !== null ? supertype(c) : 'VARCHAR');
const arith = (op: string): TypeRule => (c) => {
  if (c.args.length === 1) return op === '-' || op === '+' ? c.args[0].type : UNKNOWN;
  return arithmeticType(op, c.args[0], c.args[1], c.values[0], c.values[1]);
};

const VARCHAR_FNS = [
  'upper', 'lower', 'ucase', 'lcase', 'trim', 'ltrim', 'rtrim', 'concat', 'concat_ws', 'substr', 'substring', 'replace',
  'left', 'right', 'lpad', 'rpad', 'reverse', 'regexp_replace', 'regexp_extract', 'split_part', 'md5', 'sha256', 'sha1',
  'strftime', 'format', 'printf', 'repeat', 'translate', 'strip_accents', 'to_base64', 'base64', 'string_agg',
  'group_concat', 'listagg', 'dayname', 'monthname', 'typeof', 'chr', 'initcap', 'hex', 'to_hex', 'uuid_string',
  'nfc_normalize', 'lcase', 'bar', 'mask', 'redact', 'left_grapheme', 'right_grapheme', 'array_to_string', 'list_aggr_string',
];
const BIGINT_FNS = [
  'count', 'count_star', 'length', 'len', 'strlen', 'char_length', 'character_length', 'instr', 'strpos', 'position',
  'date_part', 'datepart', 'year', 'month', 'day', 'hour', 'minute', 'second', 'millisecond', 'microsecond', 'dayofweek',
  'dow', 'isodow', 'dayofyear', 'doy', 'week', 'weekofyear', 'yearweek', 'quarter', 'dayofmonth', 'isoyear', 'decade',
  'century', 'era', 'epoch_ms', 'epoch_us', 'epoch_ns', 'date_diff', 'datediff', 'date_sub', 'datesub', 'row_number', 'rank',
  'dense_rank', 'rank_dense', 'ntile', 'approx_count_distinct', 'array_length', 'bit_length', 'octet_length', 'levenshtein',
  'hamming', 'ascii', 'ord', 'last_day_of_month',
];
const BOOLEAN_FNS = [
  '~~', '!~~', '~~*', '!~~*', '~~~', 'like_escape', 'ilike_escape', 'regexp_matches', 'regexp_full_match', 'contains',
  'starts_with', 'ends_with', 'prefix', 'suffix', 'bool_and', 'bool_or', 'list_contains', 'array_contains', 'list_has',
  'isnan', 'isinf', 'isfinite', 'glob', 'similar_to', '&&', '@>', '<@', 'list_has_any', 'list_has_all', 'struct_contains',
];
const DOUBLE_FNS = [
  'avg', 'mean', 'stddev', 'stddev_samp', 'stddev_pop', 'variance', 'var_samp', 'var_pop', 'corr', 'covar_pop',
  'covar_samp', 'sqrt', 'cbrt', 'ln', 'log', 'log10', 'log2', 'exp', 'power', 'pow', 'pi', 'sin', 'cos', 'tan', 'asin',
  'acos', 'atan', 'atan2', 'degrees', 'radians', 'random', 'percent_rank', 'cume_dist', 'epoch', 'product', 'kurtosis',
  'skewness', 'entropy', 'regr_slope', 'regr_intercept', 'regr_r2', 'jaro_similarity', 'jaro_winkler_similarity', 'fsum', 'sumkahan',
];
const ARG0_FNS = [
  'min', 'max', 'any_value', 'first', 'last', 'arbitrary', 'arg_min', 'arg_max', 'min_by', 'max_by', 'argmin', 'argmax',
  'mode', 'lag', 'lead', 'first_value', 'last_value', 'nth_value', 'abs', 'nullif', 'list_filter', 'filter', 'list_sort',
  'array_sort', 'list_reverse_sort', 'list_distinct', 'array_distinct', 'list_slice', 'array_slice', 'even',
];

export const FUNCTION_TYPES: Readonly<Record<string, TypeRule>> = {
  ...Object.fromEntries(VARCHAR_FNS.map((f) => [f, fixed('VARCHAR')])),
  ...Object.fromEntries(BIGINT_FNS.map((f) => [f, fixed('BIGINT')])),
  ...Object.fromEntries(BOOLEAN_FNS.map((f) => [f, fixed('BOOLEAN')])),
  ...Object.fromEntries(DOUBLE_FNS.map((f) => [f, fixed('DOUBLE')])),
  ...Object.fromEntries(ARG0_FNS.map((f) => [f, arg0])),
  sum, sum_no_overflow: sum,
  count_if: fixed('HUGEINT'), countif: fixed('HUGEINT'),
  median, quantile_cont: median, trunc,
  json_extract: jsonPath('JSON'), json_extract_path: jsonPath('JSON'), '->': jsonPath('JSON'),
  json_extract_string: jsonPath('VARCHAR'), json_extract_path_text: jsonPath('VARCHAR'), '->>': jsonPath('VARCHAR'),
  json_value: jsonPath('VARCHAR'), json_type: jsonPath('VARCHAR'), json_keys: fixed('VARCHAR[]'),
  json_array_length: fixed('UBIGINT'), json_valid: fixed('BOOLEAN'), json_contains: fixed('BOOLEAN'), json_exists: jsonPath('BOOLEAN'),
  to_json: fixed('JSON'), json_object: fixed('JSON'), json_array: fixed('JSON'), json: fixed('JSON'), json_quote: fixed('JSON'),
  array_to_json: fixed('JSON'), row_to_json: fixed('JSON'), json_structure: fixed('JSON'), json_merge_patch: fixed('JSON'),
  quantile_disc: arg0, quantile: arg0,
  round, floor: floorCeil, ceil: floorCeil, ceiling: floorCeil,
  sign: fixed('TINYINT'),
  hash: fixed('UBIGINT'),
  string_split: fixed('VARCHAR[]'), str_split: fixed('VARCHAR[]'), regexp_split_to_array: fixed('VARCHAR[]'), string_to_array: fixed('VARCHAR[]'),
  date_trunc: dateTrunc, datetrunc: dateTrunc, time_bucket: (c) => c.args[1]?.type ?? UNKNOWN,
  now: fixed('TIMESTAMP WITH TIME ZONE'), current_timestamp: fixed('TIMESTAMP WITH TIME ZONE'),
  get_current_timestamp: fixed('TIMESTAMP WITH TIME ZONE'), transaction_timestamp: fixed('TIMESTAMP WITH TIME ZONE'),
  to_timestamp: fixed('TIMESTAMP WITH TIME ZONE'),
  current_date: fixed('DATE'), current_time: fixed('TIME WITH TIME ZONE'), localtimestamp: fixed('TIMESTAMP'), localtime: fixed('TIME'), today: fixed('DATE'), make_date: fixed('DATE'), last_day: fixed('DATE'),
  make_timestamp: fixed('TIMESTAMP'), strptime: fixed('TIMESTAMP'), try_strptime: fixed('TIMESTAMP'),
  age: fixed('INTERVAL'), to_days: fixed('INTERVAL'), to_hours: fixed('INTERVAL'), to_minutes: fixed('INTERVAL'),
  to_seconds: fixed('INTERVAL'), to_months: fixed('INTERVAL'), to_years: fixed('INTERVAL'), to_weeks: fixed('INTERVAL'),
  date_add: (c) => (c.args[0]?.type === 'DATE' ? 'TIMESTAMP' : c.args[0]?.type ?? UNKNOWN),
  uuid: fixed('UUID'), gen_random_uuid: fixed('UUID'),
  greatest: supertype, least: supertype, coalesce: supertype, ifnull: supertype,
  list: listOf, array_agg: listOf,
  list_value: listValue, list_pack: listValue,
  unnest: element, list_extract: element, array_extract: element, list_element: element, flatten: element,
  struct_pack: structPack, row: structPack, struct_extract: structExtract,
  map: mapOf, element_at: mapValue(true), map_extract: mapValue(true), map_extract_value: mapValue(false),
  '||': concatOp,
  list_transform: (c) => (c.args[1] && c.args[1].type !== UNKNOWN ? `${c.args[1].type}[]` : UNKNOWN),
  apply: (c) => (c.args[1] && c.args[1].type !== UNKNOWN ? `${c.args[1].type}[]` : UNKNOWN),
  array_transform: (c) => (c.args[1] && c.args[1].type !== UNKNOWN ? `${c.args[1].type}[]` : UNKNOWN),
  list_reduce: (c) => c.args[1]?.type ?? UNKNOWN,
  reduce: (c) => c.args[1]?.type ?? UNKNOWN,
  '+': arith('+'), '-': arith('-'), '*': arith('*'), '/': arith('/'), '//': arith('//'), '%': arith('%'),
  add: arith('+'), subtract: arith('-'), multiply: arith('*'), divide: arith('/'), fdiv: arith('/'), mod: arith('%'),
};
