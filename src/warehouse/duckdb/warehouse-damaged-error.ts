// The warehouse file is not a readable DuckDB database (truncated, overwritten, failed checksum).
// It holds nothing that git and the sources cannot give back, so the way out is named: move the
// file aside and run again. A WarehouseError (handlers of those still catch it) with its own code.
import { WarehouseError } from '../../errors/index.js';

/** DuckDB's messages for a file it cannot read as a database (as of @duckdb/node-api 1.x). */
export function isDamagedFileMessage(message: string): boolean {
  return /not a valid DuckDB database file|Could not read enough bytes from file|Corrupt database file|does not match stored checksum|Failed to read database header|invalid (?:block|database) header/i.test(message);
}

export class WarehouseDamagedError extends WarehouseError {
  override readonly code: string = 'E_WAREHOUSE_DAMAGED';
  /** `recorded`: the env commit that records the failed run, null when it could not be recorded. */
  constructor(path: string, cause: string, recorded?: string | null) {
    super(`the warehouse file ${path} is damaged and cannot be read (${cause}). It can be rebuilt from git and the sources: `
      + `move it aside (mv '${path}' '${path}.damaged'), then run \`git rocky run\` on each branch you use; `
      + 'source snapshots are taken again from the sources as they are now'
      + (recorded === undefined ? '' : recorded === null ? '. This run could not be recorded in the env log' : `. This run is recorded as failed in the env log (env commit ${recorded})`),
    { path, cause, ...(recorded === undefined ? {} : { recorded }) });
  }
}
