// `git rocky compile --watch` on a project: the wall time from writing a changed model file to
// reading the watcher's result line, for a few edits of one model (its columns unchanged).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export async function watchBench({ dir, CLI, env, model = 'fct_0', edits = 5 }) {
  const child = spawn(process.execPath, [CLI, 'compile', '--watch', '--json'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const queue = [];
  let waiting = null;
  lines.on('line', (l) => { const r = { at: performance.now(), ...JSON.parse(l) }; if (waiting) { const w = waiting; waiting = null; w(r); } else queue.push(r); });
  const next = () => (queue.length ? Promise.resolve(queue.shift()) : new Promise((res) => { waiting = res; }));
  try {
    const first = await next();
    if (first.plan === null) throw new Error(`the watcher's first compile failed: ${JSON.stringify(first.diagnostics?.[0] ?? first.error)}`);
    const file = join(dir, 'models', `${model}.sql`);
    const original = readFileSync(file, 'utf8').trim();
    const walls = [];
    const reported = [];
    let last = null;
    for (let i = 0; i < edits; i++) {
      await new Promise((res) => setTimeout(res, 300)); // let the watcher settle between edits
      const t0 = performance.now();
      writeFileSync(file, `${original}\nLIMIT ${1000 + i}\n`);
      last = await next();
      if (last.plan === null) throw new Error(`the watcher's compile after an edit failed: ${JSON.stringify(last.diagnostics?.[0] ?? last.error)}`);
      walls.push(Math.round(last.at - t0));
      reported.push(last.ms);
    }
    writeFileSync(file, `${original}\n`);
    await next();
    walls.sort((a, b) => a - b);
    return {
      watch_first_compile_models: first.models,
      watch_edit_to_result_ms: walls, watch_edit_to_result_median_ms: walls[Math.floor(walls.length / 2)],
      watch_reported_ms: reported, watch_last_compile_cache: last.compile_cache, watch_last_parse_cache: last.parse_cache, watch_last_incremental: last.incremental,
    };
  } finally {
    child.kill('SIGINT');
    await new Promise((res) => child.once('exit', res));
  }
}
