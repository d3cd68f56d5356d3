// Run overhead: 100 models over four 1M-row Parquet sources, `git rocky run` against the same
// statements (load the sources, CREATE TABLE AS each model in order) in one DuckDB connection;
// then a rerun with nothing changed as a share of the first run.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';

function models() {
  const out = [];
  for (let i = 0; i < 20; i++) out.push([`stg_${i}`, `SELECT id, c0 * 2 AS c0, c1, c2 % 100 AS grp FROM s${i % 4} WHERE c3 > ${i % 10}`]);
  for (let i = 0; i < 40; i++) out.push([`agg_${i}`, `SELECT grp, SUM(c0) AS total, COUNT(*) AS n, MAX(c1) AS top FROM stg_${i % 20} GROUP BY grp`]);
  for (let i = 0; i < 20; i++) out.push([`jn_${i}`, `SELECT a.grp, a.total, b.n FROM agg_${i} a JOIN agg_${(i + 1) % 40} b ON a.grp = b.grp`]);
  for (let i = 0; i < 20; i++) out.push([`win_${i}`, `SELECT id, c0, SUM(c0) OVER (PARTITION BY grp) AS grp_total FROM stg_${i}`]);
  return out;
}

export async function runBench({ work, env, CLI, log }) {
  const dir = join(work, 'run-100');
  mkdirSync(join(dir, 'data'), { recursive: true });
  mkdirSync(join(dir, 'models'));
  const gen = await DuckDBInstance.create(':memory:');
  const con = await gen.connect();
  for (let k = 0; k < 4; k++) {
    await con.run(`COPY (SELECT range AS id, (range * ${k + 7}) % 1000003 AS c0, 'v' || (range % 977) AS c1, (range * 31) % 10007 AS c2, range % 13 AS c3 FROM range(1000000)) TO '${join(dir, 'data', `s${k}.parquet`)}' (FORMAT parquet)`);
  }
  con.closeSync();
  gen.closeSync();
  const cols = '      id: { type: BIGINT }\n      c0: { type: BIGINT }\n      c1: { type: VARCHAR }\n      c2: { type: BIGINT }\n      c3: { type: BIGINT }\n';
  writeFileSync(join(dir, 'rocky.yaml'), 'name: run_bench\n');
  writeFileSync(join(dir, 'sources.yaml'), `sources:\n${[0, 1, 2, 3].map((k) => `  - name: s${k}\n    path: data/s${k}.parquet\n    columns:\n${cols}`).join('')}`);
  for (const [name, sql] of models()) writeFileSync(join(dir, 'models', `${name}.sql`), `${sql}\n`);
  writeFileSync(join(dir, '.gitignore'), '.rocky/\n');
  for (const a of [['init', '-q', '-b', 'main'], ['add', '-A'], ['commit', '-qm', 'bench']]) execFileSync('git', a, { cwd: dir, env, stdio: 'ignore' });

  // Baseline: the same statements in one connection, file-backed like the real warehouse.
  const baseFile = join(work, 'baseline.duckdb');
  const t0 = performance.now();
  const inst = await DuckDBInstance.create(baseFile);
  const b = await inst.connect();
  for (let k = 0; k < 4; k++) await b.run(`CREATE TABLE s${k} AS SELECT * FROM read_parquet('${join(dir, 'data', `s${k}.parquet`)}')`);
  for (const [name, sql] of models()) await b.run(`CREATE TABLE ${name} AS ${sql}`);
  b.closeSync();
  inst.closeSync(); // closing the database (its checkpoint) is part of the baseline's work, as it is of a run
  const baselineMs = Math.round(performance.now() - t0);
  rmSync(baseFile, { force: true });

  const run = () => {
    const s = performance.now();
    const r = spawnSync(process.execPath, [CLI, 'run', '--json'], { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`run failed: ${r.stderr.slice(0, 2000)}`);
    return { ms: Math.round(performance.now() - s), out: JSON.parse(r.stdout) };
  };
  const first = run();
  const again = run();
  const result = {
    models: 100, source_rows: 4_000_000,
    baseline_one_connection_ms: baselineMs, rocky_first_run_ms: first.ms,
    overhead_ratio: +(first.ms / baselineMs).toFixed(3),
    rocky_rerun_ms: again.ms, rerun_share_of_first: +(again.ms / first.ms).toFixed(3),
    rerun_all_reused: again.out.models.every((m) => m.status === 'reused'),
  };
  log(`run: ${JSON.stringify(result)}`);
  return result;
}
