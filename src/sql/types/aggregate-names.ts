// Names of aggregate functions (their arguments feed the value as AGGREGATION) and of masking
// functions (hashes and redactions: their output does not reveal the input's classification).

export const AGGREGATE_FUNCTIONS: ReadonlySet<string> = new Set([
  'count', 'count_star', 'sum', 'sum_no_overflow', 'avg', 'mean', 'min', 'max', 'any_value', 'first', 'last', 'arbitrary',
  'arg_min', 'arg_max', 'min_by', 'max_by', 'argmin', 'argmax', 'mode', 'median', 'quantile', 'quantile_cont',
  'quantile_disc', 'stddev', 'stddev_samp', 'stddev_pop', 'variance', 'var_samp', 'var_pop', 'corr', 'covar_pop',
  'covar_samp', 'string_agg', 'group_concat', 'listagg', 'list', 'array_agg', 'count_if', 'countif', 'bool_and',
  'bool_or', 'approx_count_distinct', 'product', 'kurtosis', 'skewness', 'entropy', 'regr_slope', 'regr_intercept',
  'regr_r2', 'fsum', 'sumkahan', 'histogram', 'bit_and', 'bit_or', 'bit_xor',
]);

/** Hashes and redactions: a DIRECT edge through one of these has `masking: true`. */
export const MASKING_FUNCTIONS: ReadonlySet<string> = new Set([
  'sha256', 'sha1', 'md5', 'md5_number', 'md5_number_upper', 'md5_number_lower', 'hash', 'sha512', 'xxhash64',
  'mask', 'redact',
]);
