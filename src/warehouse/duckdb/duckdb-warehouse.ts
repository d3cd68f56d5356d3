// The Warehouse contract on one DuckDB connection. Every public method runs alone on the
// connection (DuckSession.exclusive) and delegates to the file that owns that responsibility.
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { WarehouseError } from '../../errors/index.js';
import type { Column } from '../../objects/types.js';
import type { BuildResult, Capabilities, BinderAnswer, DiffCounts, ModelInputSchema, OnTree, SnapshotResult, TableRef, ViewSpec, Warehouse } from '../warehouse.js';
import { buildTableIn } from './build-table.js';
import { columnsOf, dropSchemaIn, dropTableIn, ensureSchemaIn, listTablesIn, listViewsIn, tableExistsIn } from './catalog.js';
import { HASH_SCHEME, hashTableIn } from './content-hash.js';
import { diffTablesIn } from './diff-tables.js';
import type { DuckSession } from './duck-session.js';
import { PARSE_CHUNK, parseSql } from './parse-sql.js';
import { replaceViewsIn } from './replace-views.js';
import { quoteIdent, quoteLiteral } from './sql-text.js';
import { snapshotSourceIn, type SnapshotInput } from './snapshot-source.js';
import { describeSource, type SourceOrigin } from './source-relation.js';
import { describeModelIn } from './describe-model.js';
import { toPlainRow } from './to-plain-value.js';

export class DuckDbWarehouse implements Warehouse {
  readonly type = 'duckdb' as const;
  readonly capabilities: Capabilities = { transactionalDdl: true, zeroCopyClone: false };
  readonly hashScheme = HASH_SCHEME;

  /** A second connection for parsing alongside the first (see parse-sql.ts), made on demand. */
  private parseHelper: Promise<DuckSession> | null = null;

  constructor(
    private readonly session: DuckSession,
    /** DuckDB's version(), asked on first need: a parser opened to parse one model spares the
     *  round trip. */
    private readonly engineVersion: () => Promise<string>,
    /** Where the database lives (`:memory:` or the file path), for messages. */
    readonly path: string,
    /** Opens another connection on the same database. */
    private readonly connect: (() => Promise<DuckSession>) | null = null,
  ) {}

  private versionText: Promise<string> | null = null;

  version(): Promise<string> {
    return (this.versionText ??= this.session.exclusive(this.engineVersion));
  }

  parseSql(sqls: readonly string[], onTree?: OnTree): Promise<string[]> {
    return this.session.exclusive(async () => {
      // One statement's worth of texts gains nothing from a second connection.
      if (sqls.length <= PARSE_CHUNK || !this.connect) return parseSql([this.session], sqls, onTree);
      this.parseHelper ??= this.connect();
      return parseSql([this.session, await this.parseHelper], sqls, onTree);
    });
  }

  private described = 0;

  describeModel(text: string, inputs: readonly ModelInputSchema[]): Promise<BinderAnswer> {
    const schema = `_rocky_describe_${++this.described}`;
    return this.session.exclusive(() => describeModelIn(this.session, schema, text, inputs));
  }

  describeSource(origin: SourceOrigin): Promise<Column[]> {
    return this.session.exclusive(() => describeSource(this.session, origin));
  }

  lockDown(extensions: readonly string[] = []): Promise<void> {
    return this.session.exclusive(async () => {
      for (const name of extensions) {
        try {
          await this.session.exec(`LOAD ${quoteIdent(name)}`);
        } catch (e) {
          throw new WarehouseError(`extension ${name} (listed under extensions: in rocky.yaml) cannot be loaded: ${(e as Error).message.split('\n')[0]}; only the extensions built into the engine (json, parquet, icu, core_functions) or installed beforehand are available`, { extension: name });
        }
      }
      // Settings a model can read with current_setting() must not tell where the repository or the
      // user's home is: the spill directory becomes relative to the working directory when it is
      // below it, else a directory of this process under the system's temporary directory
      // (spilling stays on); no secrets are stored (rocky uses none).
      const temp = toPlainRow((await this.session.all(`SELECT current_setting('temp_directory')::VARCHAR AS t`))[0]).t;
      if (typeof temp === 'string' && isAbsolute(temp)) {
        const below = relative(process.cwd(), temp);
        const spill = below !== '' && !below.startsWith('..') && !isAbsolute(below) ? below : join(tmpdir(), `rocky-spill-${process.pid}`);
        await this.session.exec(`SET temp_directory = ${quoteLiteral(spill)}`);
      }
      await this.session.exec(`SET secret_directory = ''`);
      for (const setting of ['enable_external_access = false', 'autoinstall_known_extensions = false', 'autoload_known_extensions = false', 'lock_configuration = true']) {
        await this.session.exec(`SET ${setting}`);
      }
    });
  }

  async snapshotSource(input: SnapshotInput): Promise<SnapshotResult> {
    const version = await this.version();
    return this.session.exclusive(() => snapshotSourceIn(this.session, input, version));
  }

  tableExists(table: TableRef): Promise<boolean> {
    return this.session.exclusive(() => tableExistsIn(this.session, table));
  }

  buildTable(target: TableRef, select: string): Promise<BuildResult> {
    return this.session.exclusive(() => buildTableIn(this.session, target, select));
  }

  hashTable(table: TableRef): Promise<{ readonly rows: number; readonly outputHash: string; readonly columns: readonly Column[] }> {
    return this.session.exclusive(async () => {
      // Checked first so a missing table reads as such, not as a binder error.
      if ((await columnsOf(this.session, table)).length === 0) {
        throw new WarehouseError(`table not found: ${table.schema}.${table.name}`, { table: `${table.schema}.${table.name}` });
      }
      return hashTableIn(this.session, table);
    });
  }

  diffTables(left: TableRef, right: TableRef): Promise<DiffCounts> {
    return this.session.exclusive(() => diffTablesIn(this.session, left, right));
  }

  ensureSchema(schema: string): Promise<void> {
    return this.session.exclusive(() => ensureSchemaIn(this.session, schema));
  }

  dropSchema(schema: string): Promise<void> {
    return this.session.exclusive(() => dropSchemaIn(this.session, schema));
  }

  dropTable(table: TableRef): Promise<void> {
    return this.session.exclusive(() => dropTableIn(this.session, table));
  }

  replaceViews(schema: string, views: readonly ViewSpec[], drop: readonly string[]): Promise<void> {
    return this.session.exclusive(() => replaceViewsIn(this.session, schema, views, drop));
  }

  /** replaceViews, then `beforeCommit` inside the same transaction; if it throws, the views are
   *  rolled back and the error is rethrown. `beforeCommit` must not call this warehouse. */
  replaceViewsThen(schema: string, views: readonly ViewSpec[], drop: readonly string[], beforeCommit: () => Promise<void>): Promise<void> {
    return this.session.exclusive(() => replaceViewsIn(this.session, schema, views, drop, beforeCommit));
  }

  listViews(schema: string): Promise<string[]> {
    return this.session.exclusive(() => listViewsIn(this.session, schema));
  }

  listTables(schema: string): Promise<string[]> {
    return this.session.exclusive(() => listTablesIn(this.session, schema));
  }

  /** One statement; rows as plain objects (see to-plain-value.ts for the value mapping). */
  query(sql: string): Promise<Record<string, unknown>[]> {
    return this.session.exclusive(async () => (await this.session.all(sql)).map(toPlainRow));
  }

  async close(): Promise<void> {
    // The helper first (the main session's close releases the database itself), but only once
    // the work queued before close() is done: a parse in flight may be using it.
    const helper = this.parseHelper;
    this.parseHelper = null;
    if (helper) await this.session.exclusive(async () => (await helper.catch(() => null))?.close()).catch(() => undefined);
    return this.session.close();
  }
}
