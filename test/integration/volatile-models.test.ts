// Volatile models end to end on a real git repository and DuckDB: compile warns where a
// non-deterministic function is called and records it in the compiled model; every run rebuilds
// the volatile model and what reads it (never reusing an earlier build) while the rest is
// reused; replay says why it diverged; `--rebuild` forces a build of a selection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile, run, replay, show } from '../../src/api/index.js';
import type { CompiledModelObject } from '../../src/objects/types.js';
import { repoWith, rocky } from '../helpers/temp-project.js';

process.env.ROCKY_ACTOR = 'tester@example.com';

const SOURCES = `sources:
  - name: orders
    path: data/orders.csv
    columns:
      id: { type: BIGINT }
      amount: { type: 'DECIMAL(10,2)' }
  - name: events
    path: data/events.csv
    columns:
      id: { type: BIGINT }
      current_date: { type: DATE }
`;

const FILES = {
  'rocky.yaml': 'name: t\n',
  'sources.yaml': SOURCES,
  'data/orders.csv': 'id,amount\n1,2.50\n2,3.25\n3,4.00\n',
  'data/events.csv': 'id,current_date\n1,2024-01-01\n',
  'models/stamped.sql': 'select id,\n  amount,\n  random() as r, now() as at\nfrom orders\n',
  'models/dated.sql': 'select id, current_date as d from orders\n',
  'models/reads_stamped.sql': 'select id, r from stamped\n',
  'models/stable.sql': 'select id, amount from orders\n',
  'models/reads_stable.sql': 'select id from stable\n',
  // A column named current_date is that column, not the clock.
  'models/event_days.sql': 'select id, current_date from events\n',
};

function statuses(models: readonly { name: string; status: string }[]): Record<string, string> {
  return Object.fromEntries(models.map((m) => [m.name, m.status]));
}

test('compile marks models calling non-deterministic functions volatile, at file:line:col', async (t) => {
  const { dir, cleanup } = repoWith(FILES);
  t.after(cleanup);
  const c = await compile({ cwd: dir });
  assert.deepEqual(c.diagnostics.filter((d) => d.severity === 'error'), []);
  const volatile = c.diagnostics.filter((d) => d.code === 'SQL_VOLATILE').map((d) => `${d.severity} ${d.file}:${d.line}:${d.column} ${d.message.split(' ')[0]}`).sort();
  assert.deepEqual(volatile, [
    'warning models/dated.sql:1:12 current_date',
    'warning models/stamped.sql:3:18 now',
    'warning models/stamped.sql:3:3 random',
  ]);
  const r = await run({ cwd: dir, branch: 'main' });
  const volatileOf = async (name: string): Promise<readonly string[] | undefined> =>
    (await show({ cwd: dir, cid: r.models.find((m) => m.name === name)!.cid }) as CompiledModelObject).volatile;
  assert.deepEqual(await volatileOf('stamped'), ['now', 'random']);
  assert.deepEqual(await volatileOf('dated'), ['current_date']);
  assert.equal(await volatileOf('stable'), undefined);
  assert.equal(await volatileOf('event_days'), undefined);
});

test('a volatile model and everything downstream is rebuilt on every run; replay says volatile', async (t) => {
  const { dir, cleanup } = repoWith(FILES);
  t.after(cleanup);
  const first = await run({ cwd: dir, branch: 'main' });
  assert.equal(first.status, 'success');
  const second = await run({ cwd: dir, branch: 'main' });
  assert.deepEqual(statuses(second.models), {
    stamped: 'built', dated: 'built', reads_stamped: 'built',
    stable: 'reused', reads_stable: 'reused', event_days: 'reused',
  });
  // random() gives new values: the rebuilt table is not the old one.
  const hash = (r: typeof first, name: string): string | null => r.models.find((m) => m.name === name)!.output_hash;
  assert.notEqual(hash(second, 'stamped'), hash(first, 'stamped'));

  const rp = await replay({ cwd: dir, run: second.run, branch: 'main' });
  const v = Object.fromEntries(rp.models.map((m) => [m.name, m]));
  assert.equal(v.stamped.verdict, 'diverged');
  assert.equal(v.stamped.reason, 'volatile: stamped calls now, random');
  assert.equal(v.reads_stamped.verdict, 'diverged');
  assert.equal(v.reads_stamped.reason, 'volatile: reads_stamped reads stamped calls now, random');
  assert.equal(v.stable.verdict, 'bit_exact');
  assert.equal(v.stable.reason, null);
});

test('run --rebuild <model>[+] builds a selection again; unknown or empty values are refused', async (t) => {
  const { dir, cleanup } = repoWith(FILES);
  t.after(cleanup);
  await run({ cwd: dir, branch: 'main' });
  const one = await run({ cwd: dir, branch: 'main', select: ['reads_stable'], rebuild: ['stable'] });
  assert.deepEqual(statuses(one.models), { stable: 'built', reads_stable: 'built' });
  const plus = await run({ cwd: dir, branch: 'main', select: ['event_days'], rebuild: ['stable+'] });
  assert.deepEqual(statuses(plus.models), { stable: 'built', reads_stable: 'built', event_days: 'reused' });
  // Without --select the whole project runs; what reads a rebuilt model is rebuilt too.
  const all = await run({ cwd: dir, branch: 'main', rebuild: ['stable'] });
  assert.equal(statuses(all.models).stable, 'built');
  assert.equal(statuses(all.models).reads_stable, 'built');
  assert.equal(statuses(all.models).event_days, 'reused');

  const cli = rocky(dir, 'run', '--branch', 'main', '--rebuild', 'event_days', '--select', 'event_days', '--json');
  assert.equal(cli.status, 0, cli.stderr);
  assert.deepEqual(statuses(JSON.parse(cli.stdout).models), { event_days: 'built' });
  const empty = rocky(dir, 'run', '--branch', 'main', '--rebuild');
  assert.equal(empty.status, 2, empty.stderr);
  assert.match(empty.stderr, /--rebuild needs a value/);
  const unknown = rocky(dir, 'run', '--branch', 'main', '--rebuild', 'stabel');
  assert.notEqual(unknown.status, 0);
  assert.match(unknown.stderr, /stable/);
});
