// Classification propagates along DIRECT unmasked edges across models, and each classified
// column says which path its tag came through; a hash stops it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile, show } from '../../src/api/index.js';
import type { CompiledModelObject } from '../../src/objects/types.js';
import { repoWith } from '../helpers/temp-project.js';

test('a pii tag travels source -> a -> b with its path, and stops at sha256', async (t) => {
  const { dir, cleanup } = repoWith({
    'rocky.yaml': 'name: paths\n',
    'sources.yaml': 'sources:\n  - name: people\n    table: raw.people\n    columns:\n      id: { type: BIGINT }\n      ssn: { type: VARCHAR, classification: pii }\n',
    'models/a.sql': 'SELECT id, ssn AS tax_id FROM people\n',
    'models/b.sql': 'SELECT id, upper(tax_id) AS tid FROM a\n',
    'models/c.sql': 'SELECT id, sha256(tid) AS tid_hash FROM b\n',
    'models/d.sql': 'SELECT id AS account FROM a\n',
    'models/d.yaml': 'columns:\n  account: { classification: financial }\n',
  });
  t.after(cleanup);
  const r = await compile({ cwd: dir });
  assert.deepEqual(r.diagnostics, []);
  const obj = async (name: string): Promise<CompiledModelObject> => show({ cwd: dir, cid: r.models.find((m) => m.name === name)!.cid }) as Promise<CompiledModelObject>;
  const col = (m: CompiledModelObject, c: string) => m.columns.find((x) => x.name === c)!;
  const b = await obj('b');
  assert.deepEqual(col(b, 'tid').classification, ['pii']);
  assert.deepEqual(col(b, 'tid').classification_path, { pii: ['people.ssn', 'a.tax_id', 'b.tid'] });
  assert.equal(col(b, 'id').classification_path, undefined);
  const c = await obj('c');
  assert.deepEqual(col(c, 'tid_hash').classification, [], 'the hash masks: no pii downstream of it');
  const d = await obj('d');
  assert.deepEqual(col(d, 'account').classification_path, { financial: ['d.account'] }, 'declared in the sidecar');
});
