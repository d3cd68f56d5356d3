// `git rocky lineage` starts from the last compile's record, as compile does: every trace must be
// what a cold compile of a copy gives, before and after edits, and errors must be reported the
// same way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lineage } from '../../src/api/lineage.js';
import { compile } from '../../src/api/compile.js';
import { compileChanged } from '../../src/api/compile-changed.js';
import { decodedPlan } from '../../src/api/lineage-plan.js';
import { openWorkspace } from '../../src/api/workspace.js';
import { CompileError } from '../../src/errors/compile-error.js';
import { TRADES_AND_DESKS, repoWith, tempDir } from '../helpers/temp-project.js';

const FILES = {
  'rocky.yaml': 'name: lin\n',
  'sources.yaml': TRADES_AND_DESKS,
  'models/a.sql': 'SELECT id, qty, md5(trader) AS trader_hash, trader FROM trades WHERE qty > 0\n',
  'models/b.sql': 'SELECT a.id, sum(qty) AS total, d.desk FROM a JOIN desks d USING (id) GROUP BY ALL\n',
  'models/c.sql': 'SELECT id, total, CASE WHEN total > 10 THEN desk END AS big_desk FROM b\n',
};

const TARGETS: [string, boolean][] = [['c.big_desk', false], ['c', false], ['trades.trader', true], ['trades.qty', true], ['a.trader_hash', true], ['desks', true]];

async function traces(dir: string) {
  const out = [];
  // A target an edit removed fails alike both ways (with the same did-you-mean).
  for (const [target, downstream] of TARGETS) out.push(await lineage({ cwd: dir, target, downstream }).catch((e: Error) => ({ error: `${e.name}: ${e.message}` })));
  return out;
}

/** The same traces from a copy without .rocky (a whole compile each). */
async function coldTraces(dir: string) {
  const t = tempDir('rocky-lin-cold-');
  try {
    cpSync(dir, t.dir, { recursive: true });
    rmSync(join(t.dir, '.rocky'), { recursive: true, force: true });
    return await traces(t.dir);
  } finally {
    t.cleanup();
  }
}

test('lineage from the last compile\'s record traces what a cold compile traces, edit after edit', async (t) => {
  const p = repoWith(FILES);
  t.after(p.cleanup);
  const journal = join(p.dir, '.rocky', 'cache', 'last-compile-v1.journal');
  // No record yet: a whole compile, which leaves one.
  assert.deepEqual(await traces(p.dir), await coldTraces(p.dir));
  assert.ok(existsSync(join(p.dir, '.rocky', 'cache', 'last-compile-v1.json')), 'lineage leaves the record');

  writeFileSync(join(p.dir, 'models', 'b.sql'), 'SELECT a.id, max(qty) AS total, d.desk, count(*) AS n FROM a JOIN desks d USING (id) GROUP BY ALL\n');
  const first = await lineage({ cwd: p.dir, target: 'c.total' });
  // The record path ran: it compiled b and c incrementally and wrote the record's journal.
  assert.ok(existsSync(journal), 'an incremental compile (its journal)');
  assert.ok(first.edges.some((e) => e.from === 'a.qty' && e.to === 'b.total' && e.subtype === 'AGGREGATION'), 'the edit is traced');
  // Nothing changed since: the traces are decoded from the record and the compile cache. A
  // whole compile would have written a new base (it carries a new random id).
  const baseFile = join(p.dir, '.rocky', 'cache', 'last-compile-v1.json');
  const baseText = readFileSync(baseFile, 'utf8');
  assert.deepEqual(await traces(p.dir), await coldTraces(p.dir));
  assert.equal(readFileSync(baseFile, 'utf8'), baseText, 'no whole compile');
  // ...and the plan is decoded from the record, not compiled whole after a failed decode.
  const ws = await openWorkspace(p.dir);
  try {
    const changed = await compileChanged(ws);
    assert.ok(changed, 'the record holds');
    const plan = decodedPlan(changed, ws.compileCache());
    assert.ok(plan, 'decoded from the compile cache');
    assert.deepEqual([...plan.models.keys()], ['a', 'b', 'c']);
    assert.deepEqual([...plan.sources.keys()], ['trades', 'desks'], 'in declaration order');
  } finally {
    await ws.close();
  }
  const journalText = readFileSync(journal, 'utf8');

  writeFileSync(join(p.dir, 'models', 'c.sql'), 'SELECT id, total, n, desk AS desk_name FROM b\n');
  assert.deepEqual(await traces(p.dir), await coldTraces(p.dir));
  assert.notEqual(readFileSync(journal, 'utf8'), journalText, 'the journal moved on');

  // An error: reported as a whole compile reports it.
  writeFileSync(join(p.dir, 'models', 'c.sql'), 'SELECT id, totl FROM b\n');
  const err = await lineage({ cwd: p.dir, target: 'c' }).catch((e: unknown) => e);
  assert.ok(err instanceof CompileError);
  const cold = tempDir('rocky-lin-err-');
  t.after(cold.cleanup);
  cpSync(p.dir, cold.dir, { recursive: true });
  rmSync(join(cold.dir, '.rocky'), { recursive: true, force: true });
  const coldErr = await lineage({ cwd: cold.dir, target: 'c' }).catch((e: unknown) => e);
  assert.ok(coldErr instanceof CompileError);
  assert.deepEqual(err.diagnostics, coldErr.diagnostics);

  // And compile agrees with what lineage left behind.
  writeFileSync(join(p.dir, 'models', 'c.sql'), 'SELECT id, total FROM b\n');
  assert.deepEqual(await traces(p.dir), await coldTraces(p.dir));
  const r = await compile({ cwd: p.dir });
  assert.equal(r.incremental, true);
  assert.deepEqual(r.compile_cache, { reused: 3, compiled: 0 });
});
