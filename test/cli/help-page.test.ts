// `git rocky --help` from a clone, without installing: git turns it into `man git-rocky`, so the
// page must be where man looks once the clone's bin/ is on PATH (man searches ../man beside every
// directory on PATH; a page lives in man<section>/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GIT_ENV, financeRepo } from '../helpers/temp-project.js';

const root = resolve('.');

test('git rocky --help opens the manual page with only the clone\'s bin/ on PATH', async (t) => {
  assert.equal(realpathSync(join(root, 'bin', 'git-rocky')), realpathSync(join(root, 'bin', 'git-rocky.cjs')), 'git finds git-rocky in bin/');
  assert.ok(existsSync(join(root, 'man', 'man1', 'git-rocky.1')), 'the page is in man/man1/');
  if (spawnSync('man', ['--version']).error) return t.skip('no man program here');
  const { dir, cleanup } = await financeRepo();
  t.after(cleanup);
  const env: NodeJS.ProcessEnv = {
    ...GIT_ENV, PATH: `${join(root, 'bin')}:${process.env.PATH}`, MANPAGER: 'cat', PAGER: 'cat', MANWIDTH: '100',
    // The user's own git and man settings play no part.
    GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1',
  };
  delete env.MANPATH;
  const r = spawnSync('git', ['rocky', '--help'], { cwd: dir, env, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /GIT-ROCKY\(1\)/);
  assert.match(r.stdout, /lineage-diff/);
  // And the page's name matches the executable git runs, which works from there too.
  const v = spawnSync('git', ['rocky', 'log', '--bogus'], { cwd: dir, env, encoding: 'utf8' });
  assert.equal(v.status, 2, v.stderr);
});
