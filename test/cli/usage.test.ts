// A bad command line is rejected before anything is read or written: every command and
// subcommand (as `git rocky -h` lists them) with an unknown flag leaves refs, warehouse and caches
// exactly as they were; one message, exit 2, a did-you-mean, one JSON document with --json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { CLI, GIT_ENV, financeRepo, git, rocky, tempDir } from '../helpers/temp-project.js';

/** Every command path the CLI lists in its help, subcommands included (`branch create`). */
function listedCommands(dir: string): string[] {
  const names = (help: string, prefix: string): string[] =>
    [...help.matchAll(new RegExp(`^\\s+git rocky ${prefix}([a-z][a-z-]*)`, 'gm'))].map((m) => m[1]);
  const out: string[] = [];
  for (const top of names(rocky(dir, '-h').stdout, '')) {
    const subs = names(rocky(dir, top, '-h').stdout, `${top} `);
    if (subs.length) out.push(...subs.map((s) => `${top} ${s}`));
    else out.push(top);
  }
  return out;
}

/** Everything a command could change: refs, and every file outside .git (warehouse, caches under
 *  .rocky/cache, the work tree) with its size, mtime and content hash. */
function snapshot(dir: string): Record<string, string> {
  const state: Record<string, string> = { refs: git(dir, 'for-each-ref'), head: git(dir, 'symbolic-ref', 'HEAD') };
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (p === join(dir, '.git')) continue;
      if (e.isDirectory()) { state[`${relative(dir, p)}/`] = 'dir'; walk(p); continue; }
      const s = statSync(p);
      state[relative(dir, p)] = `${s.size} ${s.mtimeMs} ${createHash('sha256').update(readFileSync(p)).digest('hex')}`;
    }
  };
  walk(dir);
  return state;
}

test('every command and subcommand with an unknown flag: exit 2, one message, nothing changed', async (t) => {
  const { dir, cleanup } = await financeRepo();
  t.after(cleanup);
  assert.equal(rocky(dir, 'run').status, 0);
  const manifest = JSON.parse(rocky(dir, 'log', '--json').stdout).entries[0].manifest as string;
  git(dir, 'branch', 'other');
  // Arguments that make each command valid but for the unknown flag. A new command must get an
  // entry here (the test fails until it does), so it is checked as the others are.
  const validArgs: Record<string, string[]> = {
    init: ['new-project', '--example', 'finance'],
    compile: [],
    run: ['--select', 'risk_flags+'],
    'branch create': ['feature'],
    'branch list': [],
    'branch show': ['main'],
    'branch delete': ['main', '--force'],
    replay: ['latest'],
    show: [manifest],
    log: ['main'],
    fsck: [],
    lineage: ['risk_flags.flag'],
    'lineage-diff': ['HEAD'],
  };
  const commands = listedCommands(dir);
  assert.ok(commands.length >= 13, commands.join());
  for (const c of commands) assert.ok(validArgs[c], `no valid arguments for '${c}' in this test`);
  const before = snapshot(dir);
  for (const c of commands) {
    const args = [...c.split(' '), ...validArgs[c]];
    const text = rocky(dir, ...args, '--no-such-flag');
    assert.equal(text.status, 2, `${c}: ${text.stderr}`);
    assert.equal(text.stdout, '', c);
    assert.equal(text.stderr.trimEnd().split('\n').length, 1, `${c}: one message\n${text.stderr}`);
    assert.match(text.stderr, /^git rocky: unknown flag --no-such-flag/, c);
    const json = rocky(dir, ...args, '--json', '--bogus=1');
    assert.equal(json.status, 2, `${c}: ${json.stderr}`);
    assert.equal(json.stdout.trimEnd().split('\n').length, 1, `${c}: one JSON document\n${json.stdout}`);
    assert.deepEqual(JSON.parse(json.stdout), { error: { code: 'E_USAGE', message: JSON.parse(json.stdout).error.message } });
    assert.match(JSON.parse(json.stdout).error.message, /unknown flag --bogus/);
    assert.equal(json.stderr, '', c);
    assert.deepEqual(snapshot(dir), before, `${c} --no-such-flag changed something`);
  }
  assert.ok(!existsSync(join(dir, 'new-project')));
});

test('misspelt commands, subcommands, flags and values: a did-you-mean, exit 2, nothing run', async (t) => {
  const { dir, cleanup } = await financeRepo();
  t.after(cleanup);
  const cases: [string[], RegExp][] = [
    [['comple'], /unknown command 'comple'; did you mean compile\?/],
    [['compile', '--wtach'], /unknown flag --wtach; did you mean --watch\?/],
    [['run', '--dry-run'], /unknown flag --dry-run \(/],
    [['branch', 'crate', 'x'], /unknown subcommand 'crate' of branch; did you mean branch create\?/],
    [['replay', 'latest', '--brnch', 'main'], /did you mean --branch\?/],
    [['lineage', 'risk_flags.flag', '--format', 'svg'], /invalid value 'svg' for --format: one of text, dot, mermaid, json/],
    [['lineage', 'risk_flags.flag', '--format', 'mermad'], /did you mean mermaid\?/],
    [['lineage', 'risk_flags.flag', '--depth', 'two'], /invalid value 'two' for --depth/],
    [['log', '-n', 'abc'], /invalid value 'abc' for --limit/],
    [['init', 'x', '--example', 'nope'], /invalid value 'nope' for --example: one of empty, finance/],
    [['fsck', 'extra'], /unexpected argument 'extra'/],
    [['branch'], /name a subcommand of branch: create, list, show, delete/],
    // A flag that takes a value, given none, never falls back to its default.
    [['run', '--select'], /--select needs a value/],
    [['run', '-b'], /--branch needs a value/],
    [['replay', 'latest', '--branch'], /--branch needs a value/],
    [['branch', 'create', 'w', '--from'], /--from needs a value/],
    [['init', 'sub', '--example'], /--example needs a value: one of empty, finance/],
    [['lineage', 'risk_flags.flag', '--format'], /--format needs a value: one of text, dot, mermaid, json/],
    [['lineage-diff', 'HEAD', '--format'], /--format needs a value: one of markdown, json/],
    [['log', '--limit'], /invalid value '' for --limit/],
    // A one-value flag given twice is ambiguous, not an internal error.
    [['run', '-b', 'main', '-b', 'other'], /--branch given more than once/],
    [['lineage', 'risk_flags.flag', '--format', 'dot', '--format', 'text'], /--format given more than once/],
    [['log', '-n', '1', '-n', '2'], /--limit given more than once/],
  ];
  for (const [args, message] of cases) {
    const r = rocky(dir, ...args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, `${args.join(' ')}: one message\n${r.stderr}`);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace without --debug');
  }
  // Nothing ran: no environment was made by `run --dry-run` or `run --select`, no project by init.
  assert.equal(git(dir, 'for-each-ref', 'refs/rocky/envs'), '');
  assert.ok(!existsSync(join(dir, 'sub')));
  const svg = rocky(dir, 'lineage', 'risk_flags.flag', '--format', 'svg', '--json');
  assert.equal(svg.stdout.trimEnd().split('\n').length, 1, svg.stdout);
  assert.equal(JSON.parse(svg.stdout).error.code, 'E_USAGE');
  const asJson = rocky(dir, 'lineage', 'nope.x', '--format', 'json');
  assert.equal(JSON.parse(asJson.stdout).error.code, 'E_NOT_FOUND', '--format json errors are JSON too');
  const debug = rocky(dir, 'run', '--dry-run', '--debug');
  assert.match(debug.stderr, /\n\s+at /, '--debug shows the stack');
});

test('a reason is said once: branch create with a bad name', async (t) => {
  const { dir, cleanup } = await financeRepo();
  t.after(cleanup);
  assert.equal(rocky(dir, 'run').status, 0);
  const r = rocky(dir, 'branch', 'create', 'bad name');
  assert.equal(r.status, 2);
  assert.equal(r.stderr.match(/is not a valid branch name/g)?.length, 1, r.stderr);
  const j = rocky(dir, 'branch', 'create', 'bad name', '--json');
  assert.equal(j.stdout.trimEnd().split('\n').length, 1);
  assert.equal(JSON.parse(j.stdout).error.message.match(/is not a valid branch name/g)?.length, 1);
});

test('init into a path that cannot be created fails at once with a usage error', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  writeFileSync(join(dir, 'a-file'), 'x');
  const paths = [join(dir, 'a-file', 'project'), join(dir, 'a-file')];
  // /proc refuses new entries with ENOENT, on which Node's recursive mkdir loops forever.
  if (existsSync('/proc/self')) paths.push('/proc/rocky-project', '/proc/rocky/a/b');
  for (const p of paths) {
    const r = spawnSync(process.execPath, [CLI, 'init', p, '--json'], { cwd: dir, env: GIT_ENV, encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.signal, null, `${p}: still running after 20 s`);
    assert.equal(r.status, 2, `${p}: ${r.stdout}${r.stderr}`);
    const error = JSON.parse(r.stdout).error;
    assert.equal(error.code, 'E_USAGE');
    assert.match(error.message, /cannot create|exists already/, p);
  }
  assert.equal(statSync(join(dir, 'a-file')).isFile(), true);
});
