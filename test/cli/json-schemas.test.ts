// Every --json output, success and failure, validated against its schema in schemas/ (one per
// command, as `git rocky -h` lists them). A field that a command prints and its schema does not
// document fails here: add it to schemas/<command>.json (and docs/json-output.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { CLI, GIT_ENV, financeRepo, git, rocky, tempDir } from '../helpers/temp-project.js';

const SCHEMAS = resolve('schemas');
const PREFIX = 'https://git-rocky.dev/schemas/v1/';

function loadAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  for (const f of readdirSync(SCHEMAS).filter((n) => n.endsWith('.json'))) {
    const schema = JSON.parse(readFileSync(join(SCHEMAS, f), 'utf8')) as { $id: string };
    assert.equal(schema.$id, `${PREFIX}${f}`, `${f}: $id names the file, versioned`);
    ajv.addSchema(schema);
  }
  return ajv;
}

/** Validates `stdout` (exactly one JSON document) against schemas/<name>.json; returns the document. */
function check(ajv: Ajv2020, name: string, stdout: string, shape: 'success' | 'error'): Record<string, unknown> {
  assert.equal(stdout.trimEnd().split('\n').length, 1, `${name}: one document\n${stdout.slice(0, 500)}`);
  const doc = JSON.parse(stdout) as Record<string, unknown>;
  const validate = ajv.getSchema(`${PREFIX}${name}.json`);
  assert.ok(validate, `no schema for ${name}`);
  assert.ok(validate(doc), `${name} output does not match schemas/${name}.json: ${JSON.stringify(validate.errors, null, 1)}\n${stdout.slice(0, 1000)}`);
  assert.equal('error' in doc, shape === 'error', `${name}: expected the ${shape} shape\n${stdout.slice(0, 500)}`);
  return doc;
}

test('every command\'s --json output, success and failure, matches its schema', async (t) => {
  const ajv = loadAjv();
  const { dir, cleanup } = await financeRepo();
  t.after(cleanup);
  const out = tempDir();
  t.after(out.cleanup);
  const seen = new Map<string, Set<string>>();
  const ok = (name: string, ...args: string[]): Record<string, unknown> => {
    const r = rocky(dir, ...args, '--json');
    assert.ok(r.status === 0 || r.status === 1, `${args.join(' ')}: ${r.status} ${r.stderr}`);
    (seen.get(name) ?? seen.set(name, new Set()).get(name)!).add('success');
    return check(ajv, name, r.stdout, 'success');
  };
  const fails = (name: string, args: string[], code: string, cwd = dir): Record<string, unknown> => {
    const r = rocky(cwd, ...args, '--json');
    assert.notEqual(r.status, 0, args.join(' '));
    (seen.get(name) ?? seen.set(name, new Set()).get(name)!).add('error');
    const doc = check(ajv, name, r.stdout, 'error');
    assert.equal((doc.error as { code: string }).code, code, `${args.join(' ')}: ${r.stdout}`);
    return doc;
  };

  ok('init', 'init', join(out.dir, 'fresh'));
  fails('init', ['init', dir], 'E_USAGE');

  const compiled = ok('compile', 'compile') as { models: { name: string; columns: { name: string; classification: string[] }[] }[] };
  const pnl = compiled.models.find((m) => m.name === 'trader_pnl')!;
  assert.deepEqual(pnl.columns.find((c) => c.name === 'trader_id')?.classification, ['pii'], 'each column\'s effective classification');
  assert.deepEqual(pnl.columns.find((c) => c.name === 'unrealised_pnl')?.classification, ['financial']);
  fails('compile', ['compile', '--bogus'], 'E_USAGE');

  ok('run', 'run');
  const manifest = (ok('log', 'log') as { entries: { manifest: string }[] }).entries[0].manifest;
  fails('run', ['run', '--select', 'nope'], 'E_NOT_FOUND');
  fails('log', ['log', 'nowhere'], 'E_NOT_FOUND');
  ok('replay', 'replay', 'latest');
  fails('replay', ['replay', 'bafyreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy'], 'E_NOT_FOUND');
  assert.equal(ok('show', 'show', manifest).kind, 'run-manifest');
  fails('show', ['show', 'not-a-cid'], 'E_USAGE');
  assert.equal(ok('fsck', 'fsck').ok, true);
  fails('fsck', ['fsck'], 'E_USAGE', out.dir);
  ok('lineage', 'lineage', 'risk_flags.flag');
  fails('lineage', ['lineage', 'nope.x'], 'E_NOT_FOUND');

  ok('branch-create', 'branch', 'create', 'feature');
  fails('branch-create', ['branch', 'create', 'bad name'], 'E_USAGE');
  const listed = ok('branch-list', 'branch', 'list') as { branches: unknown[] };
  assert.equal(listed.branches.length, 2);
  fails('branch-list', ['branch', 'list'], 'E_USAGE', out.dir);
  const shown = ok('branch-show', 'branch', 'show', 'main') as { models: { name: string }[]; model_count: number; manifest: string };
  assert.equal(shown.models.length, shown.model_count);
  assert.equal(shown.manifest, manifest);
  fails('branch-show', ['branch', 'show', 'nowhere'], 'E_NOT_FOUND');

  // A failed build is the run's own shape (status failed); a compile error is the error shape
  // with every diagnostic; a compile with errors is compile's shape with plan null.
  writeFileSync(join(dir, 'models', 'risk_flags.sql'), 'SELECT sector, 1 / 0 AS x, CAST(\'nope\' AS INTEGER) AS y FROM risk_limits\n');
  const failedRun = ok('run', 'run') as { status: string };
  assert.equal(failedRun.status, 'failed');
  ok('lineage-diff', 'lineage-diff', 'HEAD');
  fails('lineage-diff', ['lineage-diff', 'no-such-revision'], 'E_USAGE');
  writeFileSync(join(dir, 'models', 'broken.sql'), 'SELECT nope FROM prices\n');
  const broken = ok('compile', 'compile') as { plan: string | null; diagnostics: unknown[] };
  assert.equal(broken.plan, null);
  const compileError = fails('run', ['run'], 'E_COMPILE') as { error: { diagnostics: unknown[] } };
  assert.ok(compileError.error.diagnostics.length >= 1);
  git(dir, 'checkout', '-q', '--', '.');
  git(dir, 'clean', '-qfd', 'models');

  ok('branch-delete', 'branch', 'delete', 'feature');
  fails('branch-delete', ['branch', 'delete', 'feature'], 'E_NOT_FOUND');

  // compile --watch: one document per line.
  const child = spawn(process.execPath, [CLI, 'compile', '--watch', '--json'], { cwd: dir, env: GIT_ENV });
  const first = await new Promise<string>((res) => createInterface({ input: child.stdout! }).once('line', res));
  child.kill('SIGTERM');
  check(ajv, 'compile-watch', first, 'success');
  seen.set('compile-watch', new Set(['success', 'error']));
  assert.equal(check(ajv, 'compile-watch', rocky(dir, 'compile', '--watch', '--json', '--bogus').stdout, 'error').error !== undefined, true);

  // Each command the CLI lists has its schema, and each was checked in both shapes.
  const listedCommands = [...rocky(dir, '-h').stdout.matchAll(/^\s+git rocky ([a-z][a-z-]*)/gm)].map((m) => m[1]);
  const expected = listedCommands.flatMap((c) => {
    const subs = [...rocky(dir, c, '-h').stdout.matchAll(new RegExp(`^\\s+git rocky ${c} ([a-z][a-z-]*)`, 'gm'))].map((m) => `${c}-${m[1]}`);
    return subs.length ? subs : [c];
  });
  for (const name of expected) {
    assert.ok(ajv.getSchema(`${PREFIX}${name}.json`), `schemas/${name}.json is missing`);
    assert.deepEqual([...(seen.get(name) ?? [])].sort(), ['error', 'success'], `${name}: both shapes checked`);
  }
});

test('the schemas reject what they do not document: a misnamed field, a count for a list', () => {
  const ajv = loadAjv();
  const run = ajv.getSchema(`${PREFIX}run.json`)!;
  const good = { manifest: 'bafyreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy', branch: 'main', commit: 'a'.repeat(40), status: 'success', models: [{ name: 'm', cid: 'bafyreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy', status: 'built', rows: 1, output_hash: 'x', ms: 1, error: null }], warnings: [] };
  assert.equal(run(good), true, JSON.stringify(run.errors));
  assert.equal(run({ ...good, models: [{ ...good.models[0], name: undefined, model: 'm' }] }), false, 'model for name');
  assert.equal(run({ ...good, run: good.manifest }), false, 'an undocumented field');
  assert.equal(run({ ...good, models: 1 }), false, 'models is a list');
  assert.equal(run({ error: { code: 'E_USAGE', message: 'x' } }), true);
  assert.equal(run({ error: { code: 'E_USAGE' } }), false, 'an error has a message');
  assert.equal(run([{ error: { code: 'E_USAGE', message: 'x' } }]), false);
});
