// A run that lost the race for a branch is known as soon as it holds the warehouse lock: real
// processes, the loser compiled a different work tree and would build a new table, and builds
// nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDuckDb } from '../../src/warehouse/index.js';
import { financeRepo, rocky } from '../helpers/temp-project.js';
import { startRocky, until } from '../helpers/rocky-process.js';

test('a run that waited for the lock while another run moved its branch exits 3 before building anything', async (t) => {
  const { dir, cleanup } = await financeRepo();
  t.after(cleanup);
  // Both runs start from the same environment (a first run made it), so the loser's models are
  // its own and only the moved env ref can stop it.
  assert.equal(rocky(dir, 'run', '--branch', 'main').status, 0);
  // The winner builds one changed model and holds the warehouse lock, pausing after that build;
  // its env ref has not moved yet.
  const pnl = join(dir, 'models', 'trader_pnl.sql');
  writeFileSync(pnl, `${readFileSync(pnl, 'utf8').trimEnd()}\n-- the winner's change\n`);
  const winner = startRocky(dir, ['run', '--branch', 'main'], { ROCKY_FAILPOINTS: 'run:after-build=sleep(3000)' });
  await until(() => winner.stderrText().includes('failpoint run:after-build'));
  // The loser reads the same start state, compiles one more changed model (a table nobody has
  // built), then waits for the lock. Were it not stopped early, it would build that table.
  const file = join(dir, 'models', 'risk_flags.sql');
  writeFileSync(file, `${readFileSync(file, 'utf8').trimEnd()}\n-- changed while the other run holds the lock\n`);
  const loser = startRocky(dir, ['run', '--branch', 'main'], { ROCKY_FAILPOINTS: 'run:after-build=sleep(0)' });
  const [w, l] = await Promise.all([winner.done, loser.done]);
  assert.equal(w.code, 0, w.stderr);
  assert.equal(l.code, 3, `${l.stdout}\n${l.stderr}`);
  assert.match(l.stderr, /refs\/rocky\/envs\/main moved while this operation ran/);
  assert.doesNotMatch(l.stderr, /failpoint run:after-build/, 'the loser built no model');

  // Nothing changed by the loser: one run in the log, and the physical tables are exactly the
  // ones the winner's environment uses plus its source snapshots.
  const log = JSON.parse(rocky(dir, 'log', 'main', '--json').stdout);
  assert.equal(log.entries.length, 2, 'the first run and the winner');
  const show = JSON.parse(rocky(dir, 'branch', 'show', 'main', '--json').stdout) as { models: { name: string; table: string }[] };
  const wh = await openDuckDb(join(dir, '.rocky/warehouse.duckdb'));
  try {
    const rows = await wh.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = '_rocky' AND table_name LIKE 'risk_flags%'`);
    assert.deepEqual(rows.map((r) => `_rocky.${String(r.table_name)}`), [show.models.find((m) => m.name === 'risk_flags')!.table]);
  } finally {
    await wh.close();
  }
});
