// A replay killed with -9 leaves its scratch schema behind (its cleanup never ran): the next
// replay drops it and still gives its verdict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openDuckDb } from '../../src/warehouse/index.js';
import { financeRepo, rocky } from '../helpers/temp-project.js';
import { startRocky, until } from '../helpers/rocky-process.js';

async function scratchSchemas(dir: string): Promise<string[]> {
  const wh = await openDuckDb(join(dir, '.rocky/warehouse.duckdb'));
  try {
    const rows = await wh.query("SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE '_rocky_replay_%'");
    return rows.map((r) => String(r.schema_name));
  } finally {
    await wh.close();
  }
}

test('the scratch schema of a killed replay is dropped by the next replay', async (t) => {
  const { dir, cleanup } = await financeRepo();
  t.after(cleanup);
  assert.equal(rocky(dir, 'run').status, 0);
  const replay = startRocky(dir, ['replay', 'latest'], { ROCKY_FAILPOINTS: 'replay:after-model=sleep(30000)' });
  await until(() => replay.stderrText().includes('failpoint replay:after-model'));
  replay.child.kill('SIGKILL');
  await replay.done;
  const left = await scratchSchemas(dir);
  assert.equal(left.length, 1, 'the killed replay left its scratch schema');

  const r = rocky(dir, 'replay', 'latest', '--json');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).verdict, 'bit_exact');
  assert.deepEqual(await scratchSchemas(dir), [], 'no scratch schema is left, the old one included');
});
