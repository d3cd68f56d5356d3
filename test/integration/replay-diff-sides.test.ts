// Replay's row counts say which side a difference is on: rows the recorded build has and the
// replay lacks are `only_in_recorded`, rows only the replay produced are `only_in_replay`.
// Tampering a pinned snapshot by adding rows, or by deleting some, must land on opposite sides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { replay, run, show } from '../../src/api/index.js';
import { openDuckDb } from '../../src/warehouse/index.js';
import { repoWith } from '../helpers/temp-project.js';

process.env.ROCKY_ACTOR = 'tester@example.com';

async function project(t: { after: (f: () => void) => void }): Promise<{ dir: string; runCid: string; snapshot: string }> {
  const { dir, cleanup } = repoWith({
    'rocky.yaml': 'name: t\n',
    'sources.yaml': `sources:
  - name: raw
    path: data/raw.csv
    columns:
      id: { type: BIGINT }
      v: { type: VARCHAR }
`,
    'data/raw.csv': 'id,v\n1,a\n2,b\n3,c\n4,d\n',
    'models/a.sql': 'SELECT id, v FROM raw\n',
  });
  t.after(cleanup);
  const r = await run({ cwd: dir, branch: 'main' });
  assert.equal(r.status, 'success');
  const manifest = await show({ cwd: dir, cid: r.run });
  assert.equal(manifest.kind, 'run-manifest');
  const link = manifest.kind === 'run-manifest' ? manifest.snapshots.find((s) => s.name === 'raw')!.snapshot['/'] : '';
  const snap = await show({ cwd: dir, cid: link });
  assert.equal(snap.kind, 'source-snapshot');
  return { dir, runCid: r.run, snapshot: snap.kind === 'source-snapshot' ? snap.table : '' };
}

async function tamper(dir: string, sql: string): Promise<void> {
  const wh = await openDuckDb(join(dir, '.rocky/warehouse.duckdb'));
  try {
    await wh.query(sql);
  } finally {
    await wh.close();
  }
}

test('replay: rows added to a snapshot are only_in_replay (a duplicate counts too)', async (t) => {
  const { dir, runCid, snapshot } = await project(t);
  // Two new rows and a second copy of an existing one: the replay has 3 rows the recorded build has not.
  await tamper(dir, `INSERT INTO _rocky."${snapshot}" VALUES (5, 'e'), (6, 'f'), (1, 'a')`);
  const rp = await replay({ cwd: dir, run: runCid, branch: 'main' });
  const a = rp.models.find((m) => m.name === 'a')!;
  assert.equal(a.verdict, 'diverged');
  assert.equal(a.only_in_replay, 3);
  assert.equal(a.only_in_recorded, 0);
});

test('replay: rows deleted from a snapshot are only_in_recorded', async (t) => {
  const { dir, runCid, snapshot } = await project(t);
  await tamper(dir, `DELETE FROM _rocky."${snapshot}" WHERE id IN (2, 3)`);
  const rp = await replay({ cwd: dir, run: runCid, branch: 'main' });
  const a = rp.models.find((m) => m.name === 'a')!;
  assert.equal(a.verdict, 'diverged');
  assert.equal(a.only_in_recorded, 2);
  assert.equal(a.only_in_replay, 0);
});
