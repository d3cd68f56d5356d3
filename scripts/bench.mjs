#!/usr/bin/env node
// npm run bench: the figures of docs/benchmarks.md, measured on this machine in one run.
//   compile   1,000 and 10,000 generated models (../shared/bench/gen-project.py): phases, peak RSS
//   run       100 models over 1M-row sources vs the same statements in one DuckDB connection
//   rerun     nothing changed, as a share of the first run
//   branch    creating a branch of a 2,400-model environment
//   dataform  only with --only dataform: ../shared/bench/compare-dataform.sh on 10,000 models
//             (installs Dataform from npm into the temp directory; about a minute)
// Options: --only compile|run|branch|dataform (repeatable), --sizes 1000,10000. Prints a JSON
// summary last.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { watchBench } from './bench/watch-bench.mjs';

const args = process.argv.slice(2);
const only = args.flatMap((a, i) => (a === '--only' ? [args[i + 1]] : []));
const want = (k) => (only.length === 0 && k !== 'dataform') || only.includes(k);
const sizesArg = args[args.indexOf('--sizes') + 1];
const sizes = args.includes('--sizes') ? sizesArg.split(',').map(Number) : [1000, 10000];
const GEN = resolve('../shared/bench/gen-project.py');
const CLI = resolve('bin/git-rocky.cjs');
const env = { ...process.env, ROCKY_ACTOR: 'bench@example.com', GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.com' };
const work = mkdtempSync(join(tmpdir(), 'rocky-bench-'));
const summary = { machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memory_gb: Math.round(totalmem() / 2 ** 30), node: process.version }, date: new Date().toISOString() };

function git(cwd, ...a) { execFileSync('git', a, { cwd, env, stdio: 'ignore' }); }
function timed(cwd, ...a) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...a], { cwd, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`git rocky ${a.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  return { ms: Math.round(ms), stdout: r.stdout };
}
function commitAll(dir) { git(dir, 'init', '-q', '-b', 'main'); writeFileSync(join(dir, '.gitignore'), '.rocky/\n'); git(dir, 'add', '-A'); git(dir, 'commit', '-qm', 'bench'); }
function gen(n, dir) {
  if (!existsSync(GEN)) throw new Error(`the generator is not at ${GEN} (../shared/bench beside the repository)`);
  execFileSync('python3', [GEN, String(n), '--rocky', dir]);
}
const log = (s) => process.stderr.write(`${s}\n`);

try {
  if (want('compile')) {
    summary.compile = {};
    for (const n of sizes) {
      const dir = join(work, `compile-${n}`);
      gen(n, dir);
      commitAll(dir);
      const phases = JSON.parse(execFileSync(process.execPath, ['--expose-gc', resolve('scripts/bench/compile-once.mjs'), dir], { encoding: 'utf8', maxBuffer: 1 << 26 }));
      const cliCold = timed(dir, 'compile', '--json');
      const cliWarm = timed(dir, 'compile', '--json');
      // One model's text changes, its columns do not (the case): five different edits with
      // --json, then three as text (each a real change: another LIMIT each time).
      const fct0 = join(dir, 'models', 'fct_0.sql');
      const original = readFileSync(fct0, 'utf8').trim();
      const edits = (k, n, ...args) => Array.from({ length: n }, (_, i) => {
        writeFileSync(fct0, `${original}\nLIMIT ${k + i}\n`);
        return timed(dir, 'compile', ...args);
      });
      const oneChanged = edits(1000, 5, '--json');
      const cliOneChanged = oneChanged[oneChanged.length - 1];
      const oneChangedText = edits(2000, 3);
      writeFileSync(fct0, `${original}\n`);
      const spread = (runs) => { const ms = runs.map((r) => r.ms).sort((a, b) => a - b); return { median: ms[ms.length >> 1], min: ms[0], max: ms[ms.length - 1] }; };
      // A source-near model changes a column's type: everything downstream is analyzed again.
      const stg = join(dir, 'models', 'stg_0.sql');
      const stgText = readFileSync(stg, 'utf8');
      const retyped = stgText.replace('COALESCE(c0, 0) AS c0', 'CAST(COALESCE(c0, 0) AS DOUBLE) AS c0');
      writeFileSync(stg, retyped);
      const cliRetyped = retyped === stgText ? null : timed(dir, 'compile', '--json');
      writeFileSync(stg, stgText);
      // The watcher: edit one model, read its result line (the process stays warm).
      const watched = await watchBench({ dir, CLI, env });
      const cache = (r) => (r ? JSON.parse(r.stdout).compile_cache : null);
      summary.compile[n] = {
        ...phases, cli_compile_ms: cliCold.ms, cli_compile_again_ms: cliWarm.ms,
        cli_compile_one_changed_ms: spread(oneChanged), cli_compile_one_changed_text_ms: spread(oneChangedText),
        one_changed_compile_cache: cache(cliOneChanged), one_changed_incremental: oneChanged.every((r) => JSON.parse(r.stdout).incremental),
        cli_compile_upstream_type_changed_ms: cliRetyped?.ms ?? null, upstream_type_changed_compile_cache: cache(cliRetyped),
        upstream_type_changed_incremental: cliRetyped ? JSON.parse(cliRetyped.stdout).incremental : null,
        ...watched,
      };
      log(`compile ${n}: ${JSON.stringify(summary.compile[n])}`);
    }
  }

  if (want('run')) {
    const { runBench } = await import('./bench/run-bench.mjs');
    summary.run = await runBench({ work, env, CLI, log });
  }

  if (want('branch')) {
    const { branchBench } = await import('./bench/branch-bench.mjs');
    summary.branch = await branchBench({ work, env, CLI, GEN, log, n: 2400 });
  }
  if (want('dataform')) {
    const script = resolve('../shared/bench/compare-dataform.sh');
    const out = execFileSync('bash', [script, String(sizes[sizes.length - 1])], { env: { ...env, ROCKY: `${process.execPath} ${CLI}` }, encoding: 'utf8', maxBuffer: 1 << 26 });
    summary.dataform = out.trim().split('\n').pop();
    log(`dataform: ${summary.dataform}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(JSON.stringify(summary, null, 2));
