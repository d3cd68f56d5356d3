// Functions whose result is not decided by a model's inputs: the clock, randomness, sequences
// and the session. DuckDB marks them VOLATILE or CONSISTENT_WITHIN_QUERY in duckdb_functions()
// (test/sql/volatile.test.ts keeps this list in step with it); a model calling one builds a
// different table each time it runs, so its build can never be reused.
export const VOLATILE_FUNCTIONS: ReadonlySet<string> = new Set([
  // the clock
  'current_date', 'today', 'now', 'get_current_time', 'get_current_timestamp', 'transaction_timestamp',
  'current_timestamp', 'current_time', 'localtimestamp', 'localtime', 'current_localtimestamp', 'current_localtime',
  // randomness
  'random', 'setseed', 'uuid', 'uuidv4', 'uuidv7', 'gen_random_uuid',
  // sequences, the session
  'nextval', 'currval', 'txid_current', 'current_query', 'current_query_id', 'current_transaction_id', 'current_connection_id',
]);

/** Names DuckDB parses as column references and binds as the clock when no column matches
 *  (`now` and `today` are not among them: bare, DuckDB looks for a column). The binder uses it too. */
export const VOLATILE_COLUMN_NAMES: ReadonlySet<string> = new Set([
  'current_date', 'current_timestamp', 'current_time', 'localtimestamp', 'localtime',
]);

/** DuckDB functions it marks non-deterministic that do not make a model's output vary: they
 *  fail, wait, log or describe the session's catalog, which a model cannot change. */
export const NOT_VOLATILE_FOR_MODELS: ReadonlySet<string> = new Set([
  'error', 'sleep_ms', 'write_log', 'stats', 'current_database', 'current_schema', 'current_schemas', 'in_search_path',
]);
