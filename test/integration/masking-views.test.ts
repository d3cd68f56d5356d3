// main's views mask what the masking section of docs/environments.md says they mask, read back
// from DuckDB: a pii column (direct or derived) never shows its raw value in main, while a
// branch without masking shows it. A model that already hashes the value (even with the hash
// wrapped around another function) is masking: its column is not pii and is not hashed twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { compile, createBranch, lineage, run } from '../../src/api/index.js';
import { openDuckDb } from '../../src/warehouse/index.js';
import { repoWith } from '../helpers/temp-project.js';

process.env.ROCKY_ACTOR = 'tester@example.com';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const SSNS = ['123-45-6789', 'abc-de-fghi'];

test("main's views mask pii, direct or derived; a branch sees raw; sha256(upper(ssn)) is masking", async (t) => {
  const { dir, cleanup } = repoWith({
    'rocky.yaml': 'name: t\nenvironments:\n  main: { masking: true }\nmasking: { pii: hash }\n',
    'sources.yaml': `sources:
  - name: people
    path: data/people.csv
    columns:
      id: { type: BIGINT }
      ssn: { type: VARCHAR, classification: [pii] }
`,
    'data/people.csv': `id,ssn\n1,${SSNS[0]}\n2,${SSNS[1]}\n`,
    'models/p.sql': 'SELECT id, ssn FROM people\n',
    'models/u.sql': 'SELECT id, upper(ssn) AS u FROM people\n',
    'models/h.sql': 'SELECT id, sha256(upper(ssn)) AS h FROM people\n',
    'models/h2.sql': 'SELECT id, CAST(left(md5(trim(lower(ssn))), 8) AS VARCHAR) AS h FROM people\n',
    'models/mixed.sql': 'SELECT id, coalesce(sha256(ssn), ssn) AS m FROM people\n',
    'models/down.sql': 'SELECT h.id, upper(h.h) AS hu FROM h\n',
  });
  t.after(cleanup);

  const c = await compile({ cwd: dir });
  const cls = (m: string, col: string) => c.models.find((x) => x.name === m)!.columns.find((x) => x.name === col)!.classification;
  assert.deepEqual(cls('p', 'ssn'), ['pii']);
  assert.deepEqual(cls('u', 'u'), ['pii'], 'upper() keeps the value readable: still pii');
  assert.deepEqual(cls('h', 'h'), [], 'a hash around upper() masks it: no longer pii');
  assert.deepEqual(cls('h2', 'h'), [], 'a hash inside other functions still masks');
  assert.deepEqual(cls('mixed', 'm'), ['pii'], 'one unmasked path keeps it pii');
  assert.deepEqual(cls('down', 'hu'), [], 'masked upstream: not pii downstream');
  const edges = (await lineage({ cwd: dir, target: 'h.h' })).edges;
  assert.ok(edges.length > 0 && edges.filter((e) => e.type === 'DIRECT').every((e) => e.masking), JSON.stringify(edges));

  assert.equal((await run({ cwd: dir, branch: 'main' })).status, 'success');
  const b = await createBranch({ cwd: dir, name: 'feat' });

  const wh = await openDuckDb(join(dir, '.rocky/warehouse.duckdb'));
  try {
    const col = async (sql: string) => (await wh.query(sql)).map((r) => String(Object.values(r)[0]));
    const mainSsn = await col('SELECT ssn FROM main.p ORDER BY id');
    assert.deepEqual(mainSsn, SSNS.map(sha), 'main shows the hash of each ssn');
    const mainU = await col('SELECT u FROM main.u ORDER BY id');
    assert.deepEqual(mainU, SSNS.map((s) => sha(s.toUpperCase())), 'a derived pii column is masked too');
    for (const v of [...mainSsn, ...mainU]) assert.ok(!SSNS.some((s) => v.includes(s) || v.includes(s.toUpperCase())), v);
    assert.deepEqual(await col('SELECT h FROM main.h ORDER BY id'), SSNS.map((s) => sha(s.toUpperCase())), 'already masked: not hashed twice');
    assert.deepEqual(await col('SELECT m FROM main.mixed ORDER BY id'), SSNS.map((s) => sha(sha(s))), 'pii by one path: the view hashes the column');

    assert.deepEqual(await col(`SELECT ssn FROM "${b.schema}".p ORDER BY id`), SSNS, 'the branch reads raw values');
    assert.deepEqual(await col(`SELECT u FROM "${b.schema}".u ORDER BY id`), SSNS.map((s) => s.toUpperCase()));
  } finally {
    await wh.close();
  }
});
