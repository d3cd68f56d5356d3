// .rocky/ ignores itself, whatever made it: a project committed without a .gitignore line for
// it shows nothing untracked after a compile and a run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, run } from '../../src/api/index.js';
import { git, tempDir, writeFiles } from '../helpers/temp-project.js';

process.env.ROCKY_ACTOR = 'tester@example.com';

test('.rocky/ made by compile or run is never shown to git as untracked', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  git(dir, 'init', '-q', '-b', 'main');
  writeFiles(dir, {
    'rocky.yaml': 'name: plain\n',
    'data/x.csv': 'id,v\n1,2\n',
    'sources.yaml': 'sources:\n  - name: x\n    path: data/x.csv\n',
    'models/m.sql': 'SELECT id, v FROM x\n',
  });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'project, no .gitignore');
  const c = await compile({ cwd: dir });
  assert.ok(c.plan);
  assert.equal(git(dir, 'status', '--porcelain', '--untracked-files=all'), '');
  const r = await run({ cwd: dir, branch: 'main' });
  assert.equal(r.status, 'success');
  assert.equal(git(dir, 'status', '--porcelain', '--untracked-files=all'), '');
  assert.match(readFileSync(join(dir, '.rocky', '.gitignore'), 'utf8'), /^\*$/m);
  // `git add -A` takes nothing from it either.
  git(dir, 'add', '-A');
  assert.equal(git(dir, 'diff', '--cached', '--name-only'), '');
});
