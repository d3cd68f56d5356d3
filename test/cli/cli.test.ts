// The built git-rocky executable: output shapes, diagnostics and exit codes, a real race between
// two processes on one branch, and kill -9 in the middle of a run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, GIT_ENV, financeRepo, repoWith, rocky } from '../helpers/temp-project.js';
import { startRocky, until } from '../helpers/rocky-process.js';

test('help, usage errors and not-found map to their exit codes', async (t) => {
  const { dir, cleanup } = await financeRepo();
  t.after(cleanup);
  const help = rocky(dir, '-h');
  assert.equal(help.status, 0);
  assert.match(help.stdout, /replay <run>/);
  assert.equal(rocky(dir, 'frobnicate').status, 2);
  const badCid = rocky(dir, 'show', 'not-a-cid', '--json');
  assert.equal(badCid.status, 2);
  assert.equal(JSON.parse(badCid.stdout).error.code, 'E_USAGE');
  const badBranch = rocky(dir, 'branch', 'create', 'bad..name');
  assert.equal(badBranch.status, 2);
  assert.match(badBranch.stderr, /not a valid branch name/);
  const noEnv = rocky(dir, 'log', 'nowhere');
  assert.equal(noEnv.status, 2);
  const outside = rocky('/', 'compile');
  assert.equal(outside.status, 2);
  assert.match(outside.stderr, /no rocky project/);
});

test('compile --json prints the plan, models with typed columns and upstream', async (t) => {
  const { dir, cleanup } = await financeRepo();
  t.after(cleanup);
  const r = rocky(dir, 'compile', '--json');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.match(out.plan, /^bafyrei/);
  assert.deepEqual(out.diagnostics, []);
  const flags = out.models.find((m: { name: string }) => m.name === 'risk_flags');
  assert.deepEqual(flags.upstream.sort(), ['exposure_by_sector', 'risk_limits']);
  assert.ok(flags.columns.length >= 4 && flags.columns.every((c: { type: string }) => c.type.length > 0));
  assert.deepEqual(out.parse_cache, { hits: 0, misses: out.models.length });
  assert.deepEqual(out.compile_cache, { reused: 0, compiled: out.models.length });
  const again = JSON.parse(rocky(dir, 'compile', '--json').stdout);
  assert.equal(again.plan, out.plan, 'compiling the same commit gives the same plan CID');
  assert.deepEqual(again.parse_cache, { hits: 0, misses: 0 }, 'unchanged models are not re-parsed');
  assert.deepEqual(again.compile_cache, { reused: out.models.length, compiled: 0 }, 'nor re-analyzed');
  assert.deepEqual(again.models, out.models);
  const file = join(dir, 'models', 'risk_flags.sql');
  writeFileSync(file, `${readFileSync(file, 'utf8')}\n-- a comment changes the text\n`);
  const changed = JSON.parse(rocky(dir, 'compile', '--json').stdout);
  assert.deepEqual(changed.parse_cache, { hits: 0, misses: 1 });
  assert.deepEqual(changed.compile_cache, { reused: out.models.length - 1, compiled: 1 });
  // The incremental result is the cold one: same plan CID with every cache removed.
  rmSync(join(dir, '.rocky', 'cache'), { recursive: true, force: true });
  const cold = JSON.parse(rocky(dir, 'compile', '--json').stdout);
  assert.equal(changed.plan, cold.plan);
  assert.equal(changed.incremental, true);
  assert.deepEqual(changed.models, cold.models, 'the incremental report, classification included, is the cold one');
  assert.ok(cold.models.some((m: { columns: { classification: string[] }[] }) => m.columns.some((c) => c.classification.includes('pii'))));
  assert.notEqual(changed.plan, out.plan);
});

test('bad input: every diagnostic at once with file, line, column, code; exit 1; no stack trace', async (t) => {
  const { dir, cleanup } = repoWith({
    'rocky.yaml': 'name: bad\n',
    'sources.yaml': 'sources:\n  - name: trades\n    table: raw.trades\n    columns: { id: { type: BIGINT }, qty: { type: BIGINT } }\n',
    'models/a.sql': 'SELECT id, qtty FROM trades\n',
    'models/b.sql': 'SELECT id FROM trdes\n',
    'models/c.sql': 'SELECT * FROM d\n',
    'models/d.sql': 'SELECT * FROM c\n',
    'models/e.sql': 'DELETE FROM trades\n',
  });
  t.after(cleanup);
  const r = rocky(dir, 'compile');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /models\/a\.sql:1:12: error SQL_UNKNOWN_COLUMN: column "qtty" not found\n\s+hint: did you mean "qty"\?/);
  assert.match(r.stderr, /models\/b\.sql:1:16: error SQL_UNKNOWN_TABLE: .*trdes.*\n\s+hint: did you mean "trades"\?/);
  assert.match(r.stderr, /c -> d -> c|d -> c -> d/);
  assert.match(r.stderr, /models\/e\.sql:/);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace without --debug');
  const j = rocky(dir, 'compile', '--json');
  assert.equal(j.status, 1);
  const diags = JSON.parse(j.stdout).diagnostics;
  assert.ok(diags.length >= 4);
  for (const d of diags) assert.ok(d.file && d.line >= 1 && d.column >= 1 && d.code, JSON.stringify(d));
});

test('run --json reports every model; a rerun reuses everything', async (t) => {
  const { dir, cleanup } = await financeRepo();
  t.after(cleanup);
  const r = rocky(dir, 'run', '--json');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.branch, 'main');
  assert.match(out.manifest, /^bafyrei/);
  for (const m of out.models) {
    assert.deepEqual(Object.keys(m).sort(), ['cid', 'error', 'ms', 'name', 'output_hash', 'rows', 'status'].sort());
    assert.equal(m.status, 'built');
  }
  const again = JSON.parse(rocky(dir, 'run', '--json').stdout);
  assert.ok(again.models.every((m: { status: string }) => m.status === 'reused'));
  const sel = JSON.parse(rocky(dir, 'run', '--select', 'exposure_by_sector+', '--json').stdout);
  const names = sel.models.map((m: { name: string }) => m.name);
  assert.ok(names.includes('exposure_by_sector') && names.includes('risk_flags'), names.join());
  // The manifest also lists the upstream the selection read (reused), so replay has the closure;
  // models outside the selection and its upstream are not in it.
  assert.ok(names.includes('positions_valued') && !names.includes('daily_returns'), names.join());
  const bad = rocky(dir, 'run', '--select', 'risk_flag');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /did you mean risk_flags/);
  const rp = rocky(dir, 'replay', 'latest', '--json');
  assert.equal(rp.status, 0, rp.stderr);
  assert.equal(JSON.parse(rp.stdout).verdict, 'bit_exact');
});

test('two processes run the same branch at once: one commits, the other exits 3, nothing lost', async (t) => {
  const { dir, cleanup } = await financeRepo();
  t.after(cleanup);
  // Both read the env ref, then pause, so both really start from the same state.
  const env = { ROCKY_FAILPOINTS: 'run:after-start=sleep(1200)' };
  const a = startRocky(dir, ['run', '--branch', 'main', '--json'], env);
  const b = startRocky(dir, ['run', '--branch', 'main', '--json'], env);
  const [ra, rb] = await Promise.all([a.done, b.done]);
  assert.deepEqual([ra.code, rb.code].sort(), [0, 3], `${ra.stderr}\n${rb.stderr}`);
  const loser = ra.code === 3 ? ra : rb;
  assert.equal(JSON.parse(loser.stdout).error.code, 'E_CONFLICT');
  const log = JSON.parse(rocky(dir, 'log', 'main', '--json').stdout);
  assert.equal(log.entries.length, 1, 'exactly one run landed');
  assert.equal(rocky(dir, 'fsck').status, 0);
  execFileSync('git', ['fsck', '--strict', '--no-dangling'], { cwd: dir });
  const after = rocky(dir, 'run', '--json');
  assert.equal(after.status, 0, after.stderr);
});

test('kill -9 in the middle of a run: fsck clean, nothing half-written, a rerun succeeds', async (t) => {
  const { dir, cleanup } = await financeRepo();
  t.after(cleanup);
  const p = startRocky(dir, ['run', '--branch', 'main'], { ROCKY_FAILPOINTS: 'run:after-build=sleep(30000)' });
  await until(() => p.stderrText().includes('failpoint run:after-build'));
  p.child.kill('SIGKILL');
  await p.done;
  assert.equal(rocky(dir, 'fsck').status, 0);
  execFileSync('git', ['fsck', '--strict', '--no-dangling'], { cwd: dir });
  assert.equal(rocky(dir, 'log', 'main').status, 2, 'no env commit was made');
  const r = rocky(dir, 'run', '--json');
  assert.equal(r.status, 0, r.stderr);
  const statuses = JSON.parse(r.stdout).models.map((m: { status: string }) => m.status);
  assert.equal(statuses.filter((s: string) => s === 'reused').length, 1, 'the table built before the kill is reused');

  // Killed after the ref moved but before the views committed: the next run repairs the views.
  writeFileSync(join(dir, 'models', 'risk_flags.sql'), 'SELECT sector, max_exposure FROM risk_limits\n');
  const q = startRocky(dir, ['run', '--branch', 'main'], { ROCKY_FAILPOINTS: 'env:after-ref=sleep(30000)' });
  await until(() => q.stderrText().includes('failpoint env:after-ref'));
  q.child.kill('SIGKILL');
  await q.done;
  assert.equal(rocky(dir, 'fsck').status, 0);
  const again = rocky(dir, 'run', '--json');
  assert.equal(again.status, 0, again.stderr);
  const show = JSON.parse(rocky(dir, 'branch', 'show', 'main', '--json').stdout);
  assert.equal(show.model_count, 6);
  assert.equal(show.models.length, 6);
});

test('git finds git-rocky on PATH: `git rocky` runs it with the arguments unchanged', async (t) => {
  const { dir, cleanup } = await financeRepo();
  t.after(cleanup);
  const { mkdtempSync, symlinkSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { spawnSync } = await import('node:child_process');
  const bin = mkdtempSync(join(tmpdir(), 'rocky-bin-'));
  t.after(() => rmSync(bin, { recursive: true, force: true }));
  symlinkSync(CLI, join(bin, 'git-rocky'));
  const r = spawnSync('git', ['rocky', 'compile', '--json'], { cwd: dir, env: { ...GIT_ENV, PATH: `${bin}:${process.env.PATH}` }, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(JSON.parse(r.stdout).plan, /^bafyrei/);
});
