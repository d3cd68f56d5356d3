// @duckdb/node-api, loaded through require: it is a CommonJS package, and importing it as an ES
// module makes Node scan its source for export names first (~215 ms to load, against ~100 ms
// through require, measured). Every command that touches DuckDB pays this once.
import { createRequire } from 'node:module';

export type DuckDbApi = typeof import('@duckdb/node-api');

export const duckdb: DuckDbApi = createRequire(import.meta.url)('@duckdb/node-api') as DuckDbApi;
