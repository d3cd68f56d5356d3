// The executable as shipped: bin/git-rocky.cjs running the single-file build (dist/git-rocky.cjs).
// It must agree with tsc's per-module output, find its packages from where it is installed
// whatever the working directory, bind the compile caches to its own code, and survive any
// state of its compiled-code cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import { CLI, GIT_ENV, git, tempDir } from '../helpers/temp-project.js';

function run(cli: string, cwd: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [cli, ...args], { cwd, env: { ...GIT_ENV, ...env }, encoding: 'utf8' });
}

/** A finance project scaffolded and committed through the given executable. */
function financeProject(cli: string, env: Record<string, string> = {}): { dir: string; cleanup: () => void } {
  const t = tempDir();
  const init = run(cli, t.dir, ['init', '--example', 'finance'], env);
  assert.equal(init.status, 0, init.stderr);
  git(t.dir, 'add', '-A');
  git(t.dir, 'commit', '-qm', 'finance');
  return t;
}

test('the executable prints its version and compiles a project as the per-module build does', (t) => {
  const version = run(CLI, '/', ['--version']);
  assert.equal(version.status, 0, version.stderr);
  assert.equal(version.stdout.trim(), JSON.parse(readFileSync('package.json', 'utf8')).version);

  const { dir, cleanup } = financeProject(CLI);
  t.after(cleanup);
  const bundled = run(CLI, dir, ['compile', '--json']);
  assert.equal(bundled.status, 0, bundled.stderr);
  const modular = run(resolve('dist/cli/main.js'), dir, ['compile', '--json']);
  assert.equal(modular.status, 0, modular.stderr);
  const a = JSON.parse(bundled.stdout);
  const b = JSON.parse(modular.stdout);
  assert.match(a.plan, /^bafyrei/);
  assert.equal(a.plan, b.plan);
  assert.deepEqual(a.models, b.models);
  // DuckDB (the native binding, outside the bundle) is loaded by a run.
  const r = run(CLI, dir, ['run', '--json']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).status, 'success');
});

test('an installed copy finds its packages from where it lies, and its code binds the compile cache', (t) => {
  // The package's layout elsewhere: bin/ and dist/ copied, node_modules beside them.
  const pkg = tempDir('rocky-pkg-');
  t.after(pkg.cleanup);
  mkdirSync(join(pkg.dir, 'bin'));
  mkdirSync(join(pkg.dir, 'dist'));
  copyFileSync(CLI, join(pkg.dir, 'bin', 'git-rocky.cjs'));
  copyFileSync('dist/git-rocky.cjs', join(pkg.dir, 'dist', 'git-rocky.cjs'));
  symlinkSync(resolve('node_modules'), join(pkg.dir, 'node_modules'));
  const cli = join(pkg.dir, 'bin', 'git-rocky.cjs');

  const { dir, cleanup } = financeProject(cli);
  t.after(cleanup);
  const first = JSON.parse(run(cli, dir, ['compile', '--json']).stdout);
  const again = JSON.parse(run(cli, dir, ['compile', '--json']).stdout);
  assert.equal(again.compile_cache.compiled, 0, 'nothing changed: everything from the compile cache');
  assert.equal(again.plan, first.plan);
  // Any change to the compiler's code voids the caches: the bundle carries the fingerprint of the
  // sources it was built from (src/plan/compiler-fingerprint.ts); here, a bundle built from others.
  const bundleFile = join(pkg.dir, 'dist', 'git-rocky.cjs');
  const { compiler, parser } = JSON.parse(readFileSync('dist/compiler-fingerprint.json', 'utf8')) as { compiler: string; parser: string };
  const text = readFileSync(bundleFile, 'utf8');
  assert.ok(text.includes(JSON.stringify(compiler)) && text.includes(JSON.stringify(parser)), 'the bundle carries the fingerprints of its sources');
  // The parser's hash ends the compiler's too: one replacement changes both.
  const other = `${parser.startsWith('A') ? 'B' : 'A'}${parser.slice(1)}`;
  writeFileSync(bundleFile, text.split(parser).join(other));
  const changed = JSON.parse(run(cli, dir, ['compile', '--json']).stdout);
  assert.equal(changed.compile_cache.reused, 0);
  assert.equal(changed.parse_cache.hits, 0);
  assert.equal(changed.plan, first.plan);
});

test('a missing, damaged, truncated or foreign code cache is rewritten, never trusted', (t) => {
  const cache = tempDir('rocky-code-cache-');
  t.after(cache.cleanup);
  const env = { ROCKY_CODE_CACHE: cache.dir };
  const version = (): void => {
    const r = run(CLI, '/', ['--version'], env);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^\d+\.\d+\.\d+/);
  };
  version();
  const files = readdirSync(cache.dir);
  assert.equal(files.length, 1, 'one file per command');
  const file = join(cache.dir, files[0]);
  // The layout the launcher writes: a magic line, the bundle's sha-256, the generation, the runs
  // that added nothing since, the data's crc-32, the data.
  const head = readFileSync(file).indexOf('\n') + 1 + 32 + 1 + 1 + 4;
  const generation = (): number => readFileSync(file)[head - 6];
  const still = (): number => readFileSync(file)[head - 5];
  assert.deepEqual([generation(), still()], [1, 0]);
  // Runs that compile nothing new count themselves (the same command, the same path); after four
  // in a row they stop making the data again, and the file stays as it is.
  for (let n = 1; n <= 4; n++) {
    version();
    assert.deepEqual([generation(), still()], [1, n]);
  }
  const good = readFileSync(file);
  assert.ok(good.length > 10_000);
  version();
  assert.deepEqual(readFileSync(file), good, 'a good cache is used as it is');
  // A run that takes another path compiles more and writes a bigger cache, a generation on.
  const { dir, cleanup } = financeProject(CLI, env);
  t.after(cleanup);
  const compiled = run(CLI, dir, ['compile'], env);
  assert.equal(compiled.status, 0, compiled.stderr);
  const compileFile = readdirSync(cache.dir).find((f) => f.endsWith('-compile.v8'))!;
  const first = readFileSync(join(cache.dir, compileFile));
  writeFileSync(join(dir, 'models', 'risk_flags.sql'), `${readFileSync(join(dir, 'models', 'risk_flags.sql'), 'utf8')}\n-- edited\n`);
  assert.equal(run(CLI, dir, ['compile'], env).status, 0);
  const second = readFileSync(join(cache.dir, compileFile));
  assert.equal(second[head - 6], first[head - 6] + 1, 'an incremental compile after a whole one adds to the cache');
  assert.ok(second.length > first.length);
  const damaged = Buffer.from(good);
  for (let i = 0; i < 256; i++) damaged[Math.floor(good.length / 2) + i] ^= 0x5a;
  const foreign = Buffer.from(good);
  foreign[20] ^= 0xff; // in the hash of the bundle the data was made from
  const intact = (b: Buffer): boolean => b.length > head && b.subarray(0, head - 6).equals(good.subarray(0, head - 6)) && crc32(b.subarray(head)) === b.readUInt32LE(head - 4);
  assert.ok(intact(good));
  for (const bad of [damaged, good.subarray(0, good.length >> 1), foreign, Buffer.from('garbage')]) {
    writeFileSync(file, bad);
    version();
    assert.ok(intact(readFileSync(file)), 'rewritten');
  }
  for (const f of readdirSync(cache.dir)) rmSync(join(cache.dir, f));
  const off = run(CLI, '/', ['--version'], { ROCKY_CODE_CACHE: '0' });
  assert.equal(off.status, 0, off.stderr);
  assert.deepEqual(readdirSync(cache.dir), []);
});
