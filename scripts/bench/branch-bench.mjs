// Branch creation on a large environment: run the generated 2,400-model project once on main
// (over empty raw tables, so building is cheap), then time `git rocky branch create`.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';

export async function branchBench({ work, env, CLI, GEN, log, n }) {
  const dir = join(work, `branch-${n}`);
  execFileSync('python3', [GEN, String(n), '--rocky', dir]);
  writeFileSync(join(dir, '.gitignore'), '.rocky/\n');
  for (const a of [['init', '-q', '-b', 'main'], ['add', '-A'], ['commit', '-qm', 'bench']]) execFileSync('git', a, { cwd: dir, env, stdio: 'ignore' });
  // The generated sources are existing warehouse tables raw.source_<i>: create them, a few rows each.
  mkdirSync(join(dir, '.rocky'), { recursive: true });
  const inst = await DuckDBInstance.create(join(dir, '.rocky', 'warehouse.duckdb'));
  const con = await inst.connect();
  await con.run('CREATE SCHEMA IF NOT EXISTS raw');
  const sources = Math.floor(n * 0.3);
  const cols = Array.from({ length: 8 }, (_, j) => (j === 1 ? `CAST(range % 5 AS VARCHAR) AS c${j}` : `range % 7 AS c${j}`)).join(', ');
  for (let i = 0; i < sources; i++) await con.run(`CREATE TABLE raw.source_${i} AS SELECT range AS id, ${cols}, TIMESTAMP '2026-01-01' + INTERVAL (range) HOUR AS updated_at FROM range(20)`);
  con.closeSync();
  inst.closeSync(); // release the file lock before git rocky opens the warehouse
  const time = (...a) => {
    const s = performance.now();
    const r = spawnSync(process.execPath, [CLI, ...a], { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new Error(`${a.join(' ')} exited ${r.status}: ${(r.stderr || r.stdout).slice(0, 2000)}`);
    return Math.round(performance.now() - s);
  };
  const runMs = time('run', '--json');
  const branchMs = time('branch', 'create', 'agent/big-what-if', '--json');
  const result = { models: n, main_run_ms: runMs, branch_create_ms: branchMs };
  log(`branch: ${JSON.stringify(result)}`);
  return result;
}
