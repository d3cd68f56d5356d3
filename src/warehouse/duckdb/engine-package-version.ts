// The DuckDB binding's package version, read without loading the native library (~200 ms): what
// the parse and compile caches are bound to, since parse trees and inferred types come from it.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

let memo: string | null = null;

export function duckDbPackageVersion(): string {
  if (memo !== null) return memo;
  const require = createRequire(import.meta.url);
  const pkg = JSON.parse(readFileSync(require.resolve('@duckdb/node-api/package.json'), 'utf8')) as { version: string };
  return (memo = `@duckdb/node-api@${pkg.version}`);
}
