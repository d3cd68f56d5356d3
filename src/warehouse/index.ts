// The warehouse layer's public face: the adapter contract and the DuckDB adapter.
export type { Warehouse, TableRef, SnapshotResult, BuildResult, ViewSpec, DiffCounts, Capabilities, OnTree } from './warehouse.js';
export { openDuckDb, type OpenDuckDbOptions } from './duckdb/open-duckdb.js';
export { DuckDbWarehouse } from './duckdb/duckdb-warehouse.js';
export { HASH_SCHEME, canonicalHashInput, digestTableHash } from './duckdb/content-hash.js';
export { snapshotTableName, SNAPSHOT_PREFIX_LENGTH } from './duckdb/snapshot-source.js';
export { FILE_DIGEST_TABLE } from './duckdb/file-digest-registry.js';
export { WarehouseLockedError } from './duckdb/warehouse-locked-error.js';
export { WarehouseDamagedError } from './duckdb/warehouse-damaged-error.js';
export { DEFAULT_LOCK_TIMEOUT_MS } from './duckdb/open-with-lock-wait.js';
export { quoteIdent, quoteLiteral } from './duckdb/sql-text.js';
