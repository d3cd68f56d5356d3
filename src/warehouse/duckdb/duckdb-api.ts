// @duckdb/node-api, loaded through require: it is a CommonJS package, and importing it as an ES
// module makes Node scan its source for export names first (~215 ms to load, against ~100 ms
// through require, measured). Every command that touches DuckDB pays this once.
// In the single-file build the plain require lets the bundler inline the package's JavaScript
// (its ~120 small files); only the native binding it loads stays a separate package.
import { createRequire } from 'node:module';
import { inBundle } from '../../util/in-bundle.js';

export type DuckDbApi = typeof import('@duckdb/node-api');

export const duckdb: DuckDbApi = (inBundle ? require('@duckdb/node-api') : createRequire(import.meta.url)('@duckdb/node-api')) as DuckDbApi;
