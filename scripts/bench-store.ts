// Benchmark of the store's write path: 10,000 objects + a fanned-out tree + a commit + the CAS
// ref update, then one more object on top. Run: npx tsx scripts/bench-store.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeObject } from '../src/codec/encode-object.js';
import { openStore } from '../src/store/index.js';
import type { Cid, RockyObject } from '../src/objects/types.js';

const N = Number(process.argv[2] ?? 10_000);
const dir = mkdtempSync(join(tmpdir(), 'rocky-bench-store-'));
try {
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  const source = (name: string) => encodeObject({
    kind: 'model-source', version: 1, name, path: `models/${name}.sql`, sql: `SELECT ${name}`,
    config: { materialization: 'table', key: [], description: '', columns: {} },
  } as unknown as RockyObject);
  let t = performance.now();
  const objects = Array.from({ length: N }, (_, i) => source(`model_${i}`));
  const env = encodeObject({ kind: 'env', version: 1, branch: 'main', schema: 'main', models: [], snapshots: [] } as unknown as RockyObject);
  const encodeMs = performance.now() - t;
  const store = await openStore(dir);
  const input = { branch: 'main', env: env.cid, manifest: null, op: 'run', actor: 'bench@example.com', code: null } as const;
  t = performance.now();
  const c1 = await store.commitEnv({ ...input, expected: null, parents: [], objects: [...objects, env], summary: 'bench', time: new Date().toISOString() });
  const commitMs = performance.now() - t;
  const one = source('one_more');
  t = performance.now();
  const c2 = await store.commitEnv({ ...input, expected: c1, parents: [c1], objects: [one, env], summary: 'one more', time: new Date().toISOString() });
  const oneMs = performance.now() - t;
  t = performance.now();
  const fresh = await openStore(dir);
  for (let i = 0; i < 1000; i++) await fresh.readObject(objects[i * Math.floor(N / 1000)].cid as Cid, [c2]);
  const readMs = performance.now() - t;
  const count = execFileSync('git', ['count-objects', '-v'], { cwd: dir, encoding: 'utf8' }).match(/^count: (\d+)/m)?.[1];
  console.log(JSON.stringify({
    objects: N, encode_ms: Math.round(encodeMs), commit_env_ms: Math.round(commitMs), loose_git_objects: Number(count),
    add_one_more_ms: Math.round(oneMs), read_1000_cold_ms: Math.round(readMs),
  }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
