// `a -> b` is a lambda only as an argument of a function DuckDB declares with a LAMBDA parameter;
// elsewhere it is the JSON operator. The binder's list must be DuckDB's own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LAMBDA_FUNCTIONS } from '../../src/sql/bind/bind-expr.js';
import { duck } from './duckdb-helper.js';

test("the lambda functions are DuckDB's", async () => {
  const con = await duck();
  const r = await con.runAndReadAll("SELECT DISTINCT function_name FROM duckdb_functions() WHERE list_contains(parameter_types, 'LAMBDA')");
  assert.deepEqual([...LAMBDA_FUNCTIONS].sort(), r.getRows().map((x) => String(x[0])).sort());
});
