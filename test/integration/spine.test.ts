// The spine end to end through the library: compile, run main, rerun (all reused), branch,
// change a model on the branch, run it (only what changed builds), replay bit-exact, and the
// failure modes: a failing model, a tampered snapshot (diverged), a dropped snapshot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { compile, run, createBranch, replay, log, fsck, show, listBranches, showBranch, deleteBranch } from '../../src/api/index.js';
import { openDuckDb } from '../../src/warehouse/index.js';
import { financeRepo, git } from '../helpers/temp-project.js';

// The library reads the actor from this process's environment (the CLI tests set it per child).
process.env.ROCKY_ACTOR = 'tester@example.com';

test('finance: compile, run, branch, change, run branch, replay', async (t) => {
  const { dir, cleanup } = await financeRepo();
  t.after(cleanup);

  const c = await compile({ cwd: dir });
  assert.deepEqual(c.diagnostics.filter((d) => d.severity === 'error'), []);
  assert.ok(c.plan && c.recorded_for, 'a clean commit records its plan');
  const pv = c.models.find((m) => m.name === 'positions_valued')!;
  assert.deepEqual([...pv.upstream].sort(), ['latest_prices', 'positions']);
  assert.ok(pv.columns.every((col) => col.type && col.type !== 'UNKNOWN'), JSON.stringify(pv.columns));

  const first = await run({ cwd: dir, branch: 'main' });
  assert.equal(first.status, 'success');
  assert.ok(first.models.every((m) => m.status === 'built'), JSON.stringify(first.models.map((m) => m.status)));
  assert.ok(first.models.every((m) => typeof m.output_hash === 'string' && (m.rows ?? 0) > 0));

  const again = await run({ cwd: dir, branch: 'main' });
  assert.ok(again.models.every((m) => m.status === 'reused'), 'nothing changed: everything is reused');
  assert.deepEqual(again.models.map((m) => m.output_hash), first.models.map((m) => m.output_hash));

  const b = await createBranch({ cwd: dir, name: 'agent/what-if' });
  assert.equal(b.models, first.models.length);
  assert.match(b.schema, /^branch__agent_what_if_[0-9a-f]{8}$/);
  assert.match(git(dir, 'branch', '--list', 'agent/what-if'), /agent\/what-if/);

  git(dir, 'checkout', '-q', 'agent/what-if');
  const file = join(dir, 'models', 'risk_flags.sql');
  writeFileSync(file, readFileSync(file, 'utf8').replace('e.exposure > r.max_exposure', 'e.exposure > 0.8 * r.max_exposure'));
  git(dir, 'commit', '-qam', 'stricter flags');
  const br = await run({ cwd: dir });
  assert.equal(br.branch, 'agent/what-if');
  const status = Object.fromEntries(br.models.map((m) => [m.name, m.status]));
  assert.equal(status.risk_flags, 'built');
  assert.ok(Object.entries(status).filter(([n]) => n !== 'risk_flags').every(([, s]) => s === 'reused'), JSON.stringify(status));

  // main's views are untouched by the branch run; the branch sees its own flags.
  const wh = await openDuckDb(join(dir, '.rocky/warehouse.duckdb'));
  try {
    const mainFlags = await wh.query("SELECT count(*)::INTEGER AS n FROM main.risk_flags WHERE flag = 'breach'");
    const branchFlags = await wh.query(`SELECT count(*)::INTEGER AS n FROM "${b.schema}".risk_flags WHERE flag = 'breach'`);
    assert.ok(Number(branchFlags[0].n) > Number(mainFlags[0].n), `branch ${branchFlags[0].n} vs main ${mainFlags[0].n}`);
  } finally {
    await wh.close();
  }

  const rp = await replay({ cwd: dir, run: 'latest' });
  assert.equal(rp.verdict, 'bit_exact', JSON.stringify(rp.models));
  assert.equal(rp.models.length, br.models.length);
  // Replay reads compiled models by CID, not the work tree: break the file and replay main's run.
  writeFileSync(file, 'SELECT 1 AS broken');
  const rpMain = await replay({ cwd: dir, run: first.run, branch: 'main' });
  assert.equal(rpMain.verdict, 'bit_exact');
  git(dir, 'checkout', '-q', '--', 'models/risk_flags.sql');

  const entries = (await log({ cwd: dir, branch: 'agent/what-if' })).entries;
  assert.deepEqual(entries.map((e) => e.op).slice(0, 3), ['replay', 'run', 'branch']);
  assert.equal(entries[1].actor, 'tester@example.com');
  assert.equal(entries[1].manifest, br.run);

  const manifest = await show({ cwd: dir, cid: br.run });
  assert.equal(manifest.kind, 'run-manifest');
  const branches = await listBranches({ cwd: dir });
  assert.deepEqual(branches.map((x) => x.branch), ['agent/what-if', 'main']);
  assert.equal((await showBranch({ cwd: dir, name: 'agent/what-if' })).base, 'main');

  const f = await fsck({ cwd: dir });
  assert.deepEqual(f.problems, []);
  assert.ok(f.objects > 10);
  execFileSync('git', ['fsck', '--strict', '--no-dangling'], { cwd: dir });

  const del = await deleteBranch({ cwd: dir, name: 'agent/what-if' });
  assert.equal(del.dropped_tables.length, 1, 'only the branch-only risk_flags table goes; main keeps the rest');
  assert.deepEqual((await listBranches({ cwd: dir })).map((x) => x.branch), ['main']);
});

test('a failing model: downstream skipped, views unchanged, failure recorded', async (t) => {
  const { dir, cleanup } = await financeRepo();
  t.after(cleanup);
  const first = await run({ cwd: dir, branch: 'main' });
  assert.equal(first.status, 'success');
  const file = join(dir, 'models', 'exposure_by_sector.sql');
  writeFileSync(file, readFileSync(file, 'utf8').replace('SUM(pv.market_value) AS exposure', "SUM(pv.market_value) + CAST(pv.symbol AS INTEGER) AS exposure"));
  const failed = await run({ cwd: dir, branch: 'main' });
  assert.equal(failed.status, 'failed');
  const byName = Object.fromEntries(failed.models.map((m) => [m.name, m]));
  assert.equal(byName.exposure_by_sector.status, 'failed');
  assert.match(byName.exposure_by_sector.error ?? '', /Conversion|convert|cast/i);
  assert.equal(byName.risk_flags.status, 'skipped');
  const entries = (await log({ cwd: dir, branch: 'main' })).entries;
  assert.equal(entries[0].op, 'run');
  assert.match(entries[0].summary, /FAILED/);
  assert.equal(entries[0].env, entries[1].env, 'the environment did not change');
  const wh = await openDuckDb(join(dir, '.rocky/warehouse.duckdb'));
  try {
    const rows = await wh.query('SELECT count(*)::INTEGER AS n FROM main.exposure_by_sector');
    assert.ok(Number(rows[0].n) > 0, 'the old view still answers');
  } finally {
    await wh.close();
  }
});

test('replay reports diverged with row counts, and non_replayable when a snapshot is gone', async (t) => {
  const { dir, cleanup } = await financeRepo();
  t.after(cleanup);
  const first = await run({ cwd: dir, branch: 'main' });
  const manifest = await show({ cwd: dir, cid: first.run });
  assert.equal(manifest.kind, 'run-manifest');
  const snaps = manifest.kind === 'run-manifest' ? manifest.snapshots : [];
  const prices = snaps.find((s) => s.name === 'prices')!;
  const snap = await show({ cwd: dir, cid: prices.snapshot['/'] });
  assert.equal(snap.kind, 'source-snapshot');
  const table = snap.kind === 'source-snapshot' ? snap.table : '';

  const wh = await openDuckDb(join(dir, '.rocky/warehouse.duckdb'));
  try {
    // Tamper with the "immutable" snapshot: the latest price of one symbol changes.
    await wh.query(`UPDATE _rocky."${table}" SET price = price + 1 WHERE ts = (SELECT max(ts) FROM _rocky."${table}") AND symbol = (SELECT min(symbol) FROM _rocky."${table}")`);
  } finally {
    await wh.close();
  }
  const diverged = await replay({ cwd: dir, run: first.run, branch: 'main' });
  assert.equal(diverged.verdict, 'diverged');
  const lp = diverged.models.find((m) => m.name === 'latest_prices')!;
  assert.equal(lp.verdict, 'diverged');
  assert.equal(lp.only_in_recorded, 1);
  assert.equal(lp.only_in_replay, 1);
  assert.notEqual(lp.recorded_hash, lp.computed_hash);
  assert.equal(diverged.models.find((m) => m.name === 'daily_returns')?.verdict, 'diverged');

  const wh2 = await openDuckDb(join(dir, '.rocky/warehouse.duckdb'));
  try {
    await wh2.query(`DROP TABLE _rocky."${table}"`);
  } finally {
    await wh2.close();
  }
  const gone = await replay({ cwd: dir, run: first.run, branch: 'main' });
  assert.equal(gone.verdict, 'non_replayable');
  const lp2 = gone.models.find((m) => m.name === 'latest_prices')!;
  assert.equal(lp2.verdict, 'non_replayable');
  assert.match(lp2.reason ?? '', new RegExp(table));
  assert.equal(gone.models.find((m) => m.name === 'exposure_by_sector')?.verdict, 'non_replayable');
});
