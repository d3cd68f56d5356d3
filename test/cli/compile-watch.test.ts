// `git rocky compile --watch --json`: a real watcher process, real file edits; one JSON line per
// compile, each the result a one-shot compile gives for the same files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CLI, GIT_ENV, financeRepo, rocky } from '../helpers/temp-project.js';

interface Line {
  plan: string | null;
  model_count: number;
  diagnostics: { code: string; severity: string; file: string; line: number }[];
  compile_cache: { reused: number; compiled: number };
  incremental: boolean;
  changed: string[];
  ms: number;
}

test('compile --watch recompiles on each change, incrementally, with the one-shot result', async (t) => {
  const { dir, cleanup } = await financeRepo();
  t.after(cleanup);
  const child = spawn(process.execPath, [CLI, 'compile', '--watch', '--json'], { cwd: dir, env: GIT_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  t.after(() => child.kill('SIGKILL'));
  const queue: Line[] = [];
  let waiting: ((l: Line) => void) | null = null;
  createInterface({ input: child.stdout }).on('line', (l) => {
    const parsed = JSON.parse(l) as Line;
    if (waiting) { const w = waiting; waiting = null; w(parsed); } else queue.push(parsed);
  });
  const next = (what: string): Promise<Line> => (queue.length ? Promise.resolve(queue.shift()!) : new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`no result line for ${what} within 30 s; stderr: ${stderr}`)), 30_000);
    waiting = (l) => { clearTimeout(timer); res(l); };
  }));

  const first = await next('the first compile');
  assert.match(first.plan ?? '', /^bafyrei/);
  assert.deepEqual(first.compile_cache, { reused: 0, compiled: 6 });
  assert.deepEqual(first.changed, []);

  // One model's text changes: only it is compiled again.
  const file = join(dir, 'models', 'risk_flags.sql');
  writeFileSync(file, `${readFileSync(file, 'utf8')}\n-- reviewed\n`);
  const edited = await next('an edit');
  assert.deepEqual(edited.changed, ['models/risk_flags.sql']);
  assert.deepEqual(edited.compile_cache, { reused: 5, compiled: 1 });
  assert.equal(edited.incremental, true, 'from the first compile\'s record, not the whole project');
  assert.notEqual(edited.plan, first.plan);
  assert.ok(edited.ms > 0);

  // A new model with a mistake: reported with its file and line; the watcher goes on.
  writeFileSync(join(dir, 'models', 'broken.sql'), 'SELECT nope FROM prices\n');
  const broken = await next('a broken model');
  assert.equal(broken.plan, null);
  assert.ok(broken.diagnostics.some((d) => d.code === 'SQL_UNKNOWN_COLUMN' && d.file === 'models/broken.sql' && d.line === 1));

  rmSync(join(dir, 'models', 'broken.sql'));
  const fixed = await next('the fix');
  assert.equal(fixed.plan, edited.plan, 'removing the broken model gives the plan back');
  assert.equal(broken.incremental, false, 'a model added: the whole project');
  assert.equal(fixed.incremental, true, 'the files are those of the last compile without errors again');
  assert.deepEqual(fixed.compile_cache, { reused: 6, compiled: 0 });

  // Another edit: incremental again.
  writeFileSync(file, `${readFileSync(file, 'utf8')}\n-- reviewed twice\n`);
  const second = await next('a second edit');
  assert.equal(second.incremental, true);
  assert.deepEqual(second.compile_cache, { reused: 5, compiled: 1 });

  // A model in a new subfolder (the dbt layout), then an edit to it: both seen.
  mkdirSync(join(dir, 'models', 'staging'));
  writeFileSync(join(dir, 'models', 'staging', 'stg_prices.sql'), 'SELECT * FROM prices\n');
  let added = await next('a model in a new subfolder');
  while (added.model_count !== 7) added = await next('a model in a new subfolder (after the folder)');
  assert.equal(added.plan === null, false, JSON.stringify(added.diagnostics));
  writeFileSync(join(dir, 'models', 'staging', 'stg_prices.sql'), 'SELECT * FROM prices -- edited\n');
  const again = await next('an edit in a subfolder');
  assert.deepEqual(again.changed, ['models/staging/stg_prices.sql']);
  assert.notEqual(again.plan, added.plan);

  // What the watcher reported is what a one-shot compile of the same files gives, cold.
  child.kill('SIGINT');
  assert.equal(await exited, 0, stderr);
  rmSync(join(dir, '.rocky', 'cache'), { recursive: true, force: true });
  const oneShot = JSON.parse(rocky(dir, 'compile', '--json').stdout);
  assert.equal(oneShot.plan, again.plan);
});
