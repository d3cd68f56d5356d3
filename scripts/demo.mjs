#!/usr/bin/env node
// The quick start, end to end on the embedded DuckDB: scaffold the finance example in a temp
// directory, compile, run main, create a branch, change a model on it, run the branch, replay.
// Prints every command and what it said. Usage: npm run demo [-- --keep]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const cli = resolve('bin/git-rocky.cjs');
const dir = mkdtempSync(join(tmpdir(), 'rocky-demo-'));
const keep = process.argv.includes('--keep');
const env = { ...process.env, ROCKY_ACTOR: process.env.ROCKY_ACTOR ?? 'demo@example.com', GIT_AUTHOR_NAME: 'demo', GIT_AUTHOR_EMAIL: 'demo@example.com', GIT_COMMITTER_NAME: 'demo', GIT_COMMITTER_EMAIL: 'demo@example.com' };

function step(title, cmd, args, { expect = 0 } = {}) {
  console.log(`\n$ ${cmd === process.execPath ? 'git rocky' : cmd} ${args.join(' ')}    # ${title}`);
  const r = spawnSync(cmd, cmd === process.execPath ? [cli, ...args] : args, { cwd: dir, env, encoding: 'utf8' });
  process.stdout.write(r.stdout);
  process.stdout.write(r.stderr);
  if (r.status !== expect) {
    console.error(`demo: expected exit ${expect}, got ${r.status}`);
    process.exit(1);
  }
  return r.stdout;
}
const rocky = (title, ...args) => step(title, process.execPath, args);
const git = (...args) => step('git', 'git', args);

console.log(`demo project in ${dir}`);
rocky('scaffold the finance example', 'init', '--example', 'finance');
git('add', '-A');
git('commit', '-qm', 'finance project');
rocky('parse, resolve, type every model; record the plan', 'compile');
rocky('build main', 'run', '--branch', 'main');
rocky('nothing changed: everything is reused', 'run', '--branch', 'main');
rocky('a branch for a what-if: views on main, no data copied', 'branch', 'create', 'agent/what-if');
git('checkout', '-q', 'agent/what-if');
const model = join(dir, 'models', 'risk_flags.sql');
writeFileSync(model, readFileSync(model, 'utf8').replace('e.exposure > r.max_exposure', 'e.exposure > 0.8 * r.max_exposure'));
git('commit', '-qam', 'what-if: flag sectors above 80% of their limit');
rocky('run the branch: only the changed model and what depends on it build', 'run');
rocky('the audit trail of the branch', 'log');
rocky('replay the latest run from its pinned plan and snapshots', 'replay', 'latest');
rocky('every stored object re-hashes to its CID', 'fsck');
if (keep) console.log(`\nkept ${dir}`);
else rmSync(dir, { recursive: true, force: true });
console.log('\ndemo finished');
