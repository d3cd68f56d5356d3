// A replay killed with -9 leaves its scratch schema behind (its cleanup never ran): the next
// replay drops it and still gives its verdict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { openDuckDb } from '../../src/warehouse/index.js';
import { CLI, GIT_ENV, financeRepo, rocky } from '../helpers/temp-project.js';

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
  const child = spawn(process.execPath, [CLI, 'replay', 'latest'], { env: { ...GIT_ENV, ROCKY_FAILPOINTS: 'replay:after-model=sleep(30000)' }, cwd: dir });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((r) => child.on('close', r));
  const t0 = Date.now();
  while (!stderr.includes('failpoint replay:after-model')) {
    assert.ok(Date.now() - t0 < 60_000, `the replay never reached its first model: ${stderr}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill('SIGKILL');
  await exited;
  const left = await scratchSchemas(dir);
  assert.equal(left.length, 1, 'the killed replay left its scratch schema');

  const r = rocky(dir, 'replay', 'latest', '--json');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).verdict, 'bit_exact');
  assert.deepEqual(await scratchSchemas(dir), [], 'no scratch schema is left, the old one included');
});
