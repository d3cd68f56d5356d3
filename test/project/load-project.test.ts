import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadProject } from '../../src/project/load-project.js';
import type { ProjectFiles } from '../../src/project/types.js';

function files(map: Record<string, string>): ProjectFiles {
  return {
    read: async (p) => map[p] ?? null,
    list: async (dir) => Object.keys(map).filter((p) => p.startsWith(`${dir}/`)).map((p) => p.slice(dir.length + 1)),
  };
}

test('an empty rocky.yaml is a valid project with defaults', async () => {
  const { project, diagnostics } = await loadProject(files({ 'rocky.yaml': '' }));
  assert.deepEqual(diagnostics, []);
  assert.equal(project.config.warehouse.path, '.rocky/warehouse.duckdb');
  assert.deepEqual(project.models, []);
});

test('sources, models and sidecars are read with their declared types and classification', async () => {
  const { project, diagnostics } = await loadProject(files({
    'rocky.yaml': 'name: fin\nenvironments:\n  main: { masking: true }\nmasking: { pii: hash }\n',
    'sources.yaml': 'sources:\n  - name: positions\n    path: data/positions.csv\n    key: [id]\n    columns:\n      id: { type: bigint }\n      ssn: { type: VARCHAR, classification: pii }\n',
    'models/a.sql': 'SELECT id FROM positions\n',
    'models/a.yaml': 'description: first\ncolumns:\n  id: { classification: [financial] }\n',
  }));
  assert.deepEqual(diagnostics, []);
  assert.equal(project.config.name, 'fin');
  assert.deepEqual(project.config.environments, { main: { masking: true } });
  assert.deepEqual(project.sources[0].columns, [
    { name: 'id', type: 'BIGINT', classification: [] },
    { name: 'ssn', type: 'VARCHAR', classification: ['pii'] },
  ]);
  assert.equal(project.sources[0].line, 2);
  assert.equal(project.models[0].name, 'a');
  assert.deepEqual(project.models[0].config.columns, { id: { classification: ['financial'] } });
});

test('every mistake is reported at once with file, line, column and a stable code', async () => {
  const { diagnostics } = await loadProject(files({
    'rocky.yaml': 'name: x\nwarehose: { type: duckdb }\nmasking: { pii: shred }\n',
    'sources.yaml': 'sources:\n  - name: s\n    pth: a.csv\n  - name: t\n    path: t.csv\n    key: [nope]\n    columns: { id: { type: BIGINT } }\n',
    'models/bad-name.sql': 'SELECT 1',
    'models/orphan.yaml': 'description: x\n',
    'models/v.sql': 'SELECT 1 AS x',
    'models/v.yaml': 'materialization: view\n',
  }));
  const got = diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`).sort();
  assert.deepEqual(got, [
    'models/bad-name.sql:1:1 R008',
    'models/orphan.yaml:1:1 R007',
    'models/v.yaml:1:1 R003',
    'rocky.yaml:2:1 R002',
    'rocky.yaml:3:12 R003',
    'sources.yaml:2:5 R004',
    'sources.yaml:3:5 R002',
    'sources.yaml:6:5 R009',
  ].sort());
  assert.match(diagnostics.find((d) => d.code === 'R002' && d.file === 'rocky.yaml')!.message, /did you mean 'warehouse'/);
});

test('invalid YAML is a diagnostic, not an exception', async () => {
  const { diagnostics } = await loadProject(files({ 'rocky.yaml': 'name: [unclosed\n' }));
  assert.equal(diagnostics[0].code, 'R001');
  assert.equal(diagnostics[0].file, 'rocky.yaml');
});

test('models in subfolders are read, named after their file, with the sidecar beside them; a name used twice is an error naming both files', async () => {
  const { project, diagnostics } = await loadProject(files({
    'rocky.yaml': '',
    'models/staging/stg_orders.sql': 'SELECT 1 AS id\n',
    'models/staging/stg_orders.yaml': 'description: staged\n',
    'models/marts/finance/orders.sql': 'SELECT id FROM stg_orders\n',
    'models/marts/orders.yaml': 'description: not beside any orders.sql\n',
    'models/top.sql': 'SELECT 2 AS x\n',
    'models/other/top.sql': 'SELECT 3 AS x\n',
  }));
  assert.deepEqual(project.models.map((m) => [m.name, m.path, m.sidecar]), [
    ['top', 'models/other/top.sql', null],
    ['stg_orders', 'models/staging/stg_orders.sql', 'models/staging/stg_orders.yaml'],
    ['orders', 'models/marts/finance/orders.sql', null],
  ].sort((a, b) => String(a[1]).localeCompare(String(b[1]))));
  assert.equal(project.models.find((m) => m.name === 'stg_orders')!.config.description, 'staged');
  const got = diagnostics.map((d) => `${d.file} ${d.code} ${d.message}`).sort();
  assert.equal(got.length, 2, got.join('\n'));
  assert.match(got[0], /^models\/marts\/orders\.yaml R007 /);
  assert.equal(got[1], "models/top.sql R013 model 'top' is defined twice: models/other/top.sql and models/top.sql (a model is named after its file, whatever its folder)");
});
