// One DuckDB connection, used by one Warehouse: serializes every operation (a connection holds a
// single transaction, so two interleaved BEGINs would collide), runs each statement as a single
// prepared statement, and turns DuckDB errors into WarehouseError.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { RockyError, WarehouseError } from '../../errors/index.js';
import { WarehouseDamagedError, isDamagedFileMessage } from './warehouse-damaged-error.js';

export type Row = Record<string, unknown>;

export class DuckSession {
  private tail: Promise<unknown> = Promise.resolve();
  // Marks the async context of an operation in progress, so a re-entrant call (for instance from
  // a beforeCommit callback) fails loudly instead of waiting forever on its own lock.
  private readonly inside = new AsyncLocalStorage<true>();
  private closed = false;

  /** `file`: the database file, named when DuckDB finds it damaged mid-operation. */
  constructor(private readonly connection: DuckDBConnection, private readonly onClose: () => void, private readonly file: string | null = null) {}

  /** Runs `fn` alone on the connection, after every operation queued before it. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inside.getStore()) {
      return Promise.reject(new WarehouseError('re-entrant warehouse call: a callback running inside a warehouse operation must not use the same warehouse'));
    }
    if (this.closed) return Promise.reject(new WarehouseError('the warehouse is closed'));
    const run = this.tail.then(() => this.inside.run(true, fn));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** One statement (never several: prepare refuses them, which keeps a model's SQL from smuggling
   *  in a second statement). Returns the rows as DuckDB's JS values (bigint for BIGINT, ...). */
  async all(sql: string, values?: readonly DuckDBValue[]): Promise<Row[]> {
    let prepared;
    try {
      prepared = await this.connection.prepare(sql);
    } catch (e) {
      throw toWarehouseError(e, sql, this.file);
    }
    try {
      if (values && values.length > 0) prepared.bind([...values]);
      const reader = await prepared.runAndReadAll();
      return reader.getRowObjectsJS() as Row[];
    } catch (e) {
      throw toWarehouseError(e, sql, this.file);
    } finally {
      prepared.destroySync();
    }
  }

  async exec(sql: string, values?: readonly DuckDBValue[]): Promise<void> {
    await this.all(sql, values);
  }

  /** Several statements in one call, for DDL this adapter composes itself from quoted
   *  identifiers (thousands of views): one round trip instead of a prepare per statement. Never
   *  for text that comes from a model. */
  async execScript(statements: readonly string[]): Promise<void> {
    if (statements.length === 0) return;
    const sql = statements.join(';\n');
    try {
      await this.connection.run(sql);
    } catch (e) {
      throw toWarehouseError(e, sql.length > 2000 ? `${sql.slice(0, 2000)}...` : sql, this.file);
    }
  }

  /** BEGIN ... COMMIT around `fn`; ROLLBACK when it throws (DuckDB's DDL is transactional, so
   *  tables and views created inside vanish with the rollback). `fn` may return `rollback` to
   *  discard its work without failing. */
  async transaction<T>(fn: (tx: { rollback: boolean }) => Promise<T>): Promise<T> {
    await this.exec('BEGIN TRANSACTION');
    const tx = { rollback: false };
    let result: T;
    try {
      result = await fn(tx);
    } catch (e) {
      await this.exec('ROLLBACK').catch(() => undefined);
      throw e;
    }
    if (tx.rollback) await this.exec('ROLLBACK');
    else {
      try {
        await this.exec('COMMIT');
      } catch (e) {
        // A failed COMMIT (write-write conflict, disk full) leaves the transaction aborted.
        await this.exec('ROLLBACK').catch(() => undefined);
        throw e;
      }
    }
    return result;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Refuse new work, let queued work finish, then release: the file lock goes when the last
    // handle on the database closes.
    this.closed = true;
    await this.tail;
    try {
      this.connection.closeSync();
    } finally {
      this.onClose();
    }
  }
}

export function toWarehouseError(e: unknown, sql?: string, file: string | null = null): RockyError {
  if (e instanceof RockyError) return e;
  const message = e instanceof Error ? e.message : String(e);
  // A block that fails its checksum is found only when read: the same way out as at open.
  if (file !== null && isDamagedFileMessage(message)) return new WarehouseDamagedError(file, message);
  return new WarehouseError(message, sql === undefined ? {} : { sql: sql.length > 2000 ? `${sql.slice(0, 2000)}...` : sql });
}

/** A DuckDB integer result (bigint) as a JS number; counts here never exceed 2^53. */
export function toCount(v: unknown): number {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return v;
  if (v === null || v === undefined) return 0;
  return Number(v);
}
