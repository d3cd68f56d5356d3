// lineage-diff compiles a past revision with that revision's data files, read from git, never
// with the work tree's (another version of them, or none).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lineageDiff } from '../../src/api/index.js';
import { git, repoWith } from '../helpers/temp-project.js';

test('lineage-diff <base> reads the base revision\'s data files from git', async (t) => {
  const { dir, cleanup } = repoWith({
    'rocky.yaml': 'name: rev\n',
    'data/x.csv': 'id,v\n1,2\n',
    // A natural hand-written sources.yaml: one column classified, the rest from the file.
    'sources.yaml': 'sources:\n  - name: x\n    path: data/x.csv\n    columns:\n      v: { classification: [financial] }\n',
    'models/m.sql': 'SELECT id, v FROM x\n',
  });
  t.after(cleanup);
  git(dir, 'checkout', '-qb', 'change');
  writeFileSync(join(dir, 'data/x.csv'), 'id,w\n1,2\n');
  writeFileSync(join(dir, 'sources.yaml'), 'sources:\n  - name: x\n    path: data/x.csv\n');
  writeFileSync(join(dir, 'models/m.sql'), 'SELECT id, w AS v FROM x\n');
  git(dir, 'commit', '-qam', 'renamed column');
  // The work tree's file has another header than main's: main's must come from git.
  const d = await lineageDiff({ cwd: dir, base: 'main' });
  assert.equal(d.base, 'main');
  assert.ok(d.models.some((m) => JSON.stringify(m).includes('"m"')), JSON.stringify(d));
  // Gone from the work tree altogether: both revisions still compile from git.
  rmSync(join(dir, 'data/x.csv'));
  const both = await lineageDiff({ cwd: dir, base: 'main', head: 'change' });
  assert.deepEqual(both.models.map((m) => JSON.stringify(m)), d.models.map((m) => JSON.stringify(m)));
});
