// Model SQL runs with no file or network access and no extension fetched or loaded on demand,
// settings locked; the sources it reads were snapshotted before, by the tool. The lock lasts
// for the operation only: the next run in the same process still reads its source files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { realpathSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { replay, run } from '../../src/api/index.js';
import { openDuckDb } from '../../src/warehouse/index.js';
import { git, repoWith } from '../helpers/temp-project.js';

process.env.ROCKY_ACTOR = 'tester@example.com';

test('models are built with external access, extension auto-install and auto-load off, settings locked', async (t) => {
  const { dir, cleanup } = repoWith({
    'rocky.yaml': 'name: locked\n',
    'data/x.csv': 'id\n1\n',
    'sources.yaml': 'sources:\n  - name: x\n    path: data/x.csv\n',
    'models/seen.sql': `SELECT count(*) AS n,
  current_setting('enable_external_access') AS external_access,
  current_setting('autoinstall_known_extensions') AS autoinstall,
  current_setting('autoload_known_extensions') AS autoload,
  current_setting('lock_configuration') AS locked,
  current_setting('temp_directory') AS temp_dir,
  current_setting('secret_directory') AS secret_dir
FROM x\n`,
  });
  t.after(cleanup);
  const r = await run({ cwd: dir, branch: 'main' });
  assert.equal(r.status, 'success', JSON.stringify(r.models));
  const read = async (): Promise<Record<string, unknown>> => {
    const wh = await openDuckDb(join(dir, '.rocky/warehouse.duckdb'));
    try {
      return (await wh.query('SELECT n::INTEGER AS n, external_access::VARCHAR AS e, autoinstall::VARCHAR AS i, autoload::VARCHAR AS l, locked::VARCHAR AS k, temp_dir::VARCHAR AS td, secret_dir::VARCHAR AS sd FROM main.seen'))[0];
    } finally {
      await wh.close();
    }
  };
  const seen = await read();
  // No setting a model can read names where the warehouse or the home directory is.
  for (const k of ['td', 'sd'] as const) {
    const v = String(seen[k]);
    assert.ok(!v.includes(dir) && !v.includes(homedir()) && !v.includes(realpathSync(dir)), `${k}: ${v}`);
  }
  delete seen.td;
  delete seen.sd;
  assert.deepEqual(seen, { n: 1, e: 'false', i: 'false', l: 'false', k: 'true' });
  // Replay builds under the same lock, so it gives the same bytes.
  const rp = await replay({ cwd: dir, run: r.run, branch: 'main' });
  assert.equal(rp.verdict, 'bit_exact', JSON.stringify(rp.models));

  // The same process runs again after the source file changed: it is read (the lock was this
  // run's only).
  writeFileSync(join(dir, 'data/x.csv'), 'id\n1\n2\n');
  git(dir, 'commit', '-qam', 'more data');
  const again = await run({ cwd: dir, branch: 'main' });
  assert.equal(again.status, 'success', JSON.stringify(again.models));
  assert.equal((await read()).n, 2);
});

test('an extension listed in rocky.yaml is loaded explicitly; one that cannot be loaded fails the run cleanly, naming it', async (t) => {
  const { dir, cleanup } = repoWith({
    'rocky.yaml': 'name: ext\nextensions: [json]\n',
    'data/x.csv': 'id\n1\n',
    'sources.yaml': 'sources:\n  - name: x\n    path: data/x.csv\n',
    'models/j.sql': `SELECT to_json(id) AS j FROM x\n`,
  });
  t.after(cleanup);
  const r = await run({ cwd: dir, branch: 'main' });
  assert.equal(r.status, 'success', JSON.stringify(r.models));
  // Replay runs with the list too. json is built into the engine, so this shows only that replay
  // accepts it: that it would load an extension missing otherwise cannot be shown offline.
  const rp = await replay({ cwd: dir, run: r.run, branch: 'main' });
  assert.equal(rp.verdict, 'bit_exact', JSON.stringify(rp.models));
  writeFileSync(join(dir, 'rocky.yaml'), 'name: ext\nextensions: [json, no_such_ext]\n');
  git(dir, 'commit', '-qam', 'an extension that is not there');
  await assert.rejects(run({ cwd: dir, branch: 'main' }), (e: Error) => /extension no_such_ext \(listed under extensions: in rocky\.yaml\) cannot be loaded/.test(e.message) && !/\n\s+at /.test(e.message));
});
