// A model becoming volatile (and back) through incremental compiles gives what a whole compile
// gives: the same plan CID and the SQL_VOLATILE warning, reported again from the cache when
// nothing changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, type CompileResult } from '../../src/api/compile.js';
import { TRADES_AND_DESKS, repoWith, tempDir } from '../helpers/temp-project.js';

async function cold(dir: string): Promise<CompileResult> {
  const t = tempDir('rocky-volatile-cold-');
  try {
    cpSync(dir, t.dir, { recursive: true });
    rmSync(join(t.dir, '.rocky'), { recursive: true, force: true });
    return await compile({ cwd: t.dir });
  } finally {
    t.cleanup();
  }
}

test('incremental compiles of a model turning volatile agree with whole compiles', async (t) => {
  const p = repoWith({
    'rocky.yaml': 'name: v\n', 'sources.yaml': TRADES_AND_DESKS,
    'models/a.sql': 'SELECT id, qty FROM trades\n',
    'models/b.sql': 'SELECT id, qty FROM a\n',
  });
  t.after(p.cleanup);
  const volatileWarnings = (r: CompileResult): string[] => r.diagnostics.filter((d) => d.code === 'SQL_VOLATILE').map((d) => `${d.file}:${d.line}:${d.column}`);
  const first = await compile({ cwd: p.dir });
  assert.deepEqual(volatileWarnings(first), []);
  writeFileSync(join(p.dir, 'models/a.sql'), 'SELECT id, qty,\n  uuid() AS u FROM trades\n');
  for (const what of ['a turned volatile', 'nothing changed since']) {
    const r = await compile({ cwd: p.dir });
    assert.equal(r.incremental, true, what);
    const c = await cold(p.dir);
    assert.ok(r.plan, what);
    assert.equal(r.plan, c.plan, what);
    assert.deepEqual(volatileWarnings(r), ['models/a.sql:2:3'], what);
    assert.deepEqual(r.diagnostics, c.diagnostics, what);
  }
  writeFileSync(join(p.dir, 'models/a.sql'), 'SELECT id, qty FROM trades\n');
  const back = await compile({ cwd: p.dir });
  assert.deepEqual(volatileWarnings(back), []);
  assert.equal(back.models.length, 2);
});
