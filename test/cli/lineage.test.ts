// The built CLI's lineage and lineage-diff: JSON shape, renderers, did-you-mean exit codes, and
// diffs between commits and against the work tree without checking anything out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { financeRepo, git, repoWith, rocky } from '../helpers/temp-project.js';

const project = (model: string): Record<string, string> => ({
  'rocky.yaml': 'name: lin\n',
  'sources.yaml': 'sources:\n  - name: trades\n    table: raw.trades\n    columns:\n      id: { type: BIGINT }\n      qty: { type: BIGINT }\n      ssn: { type: VARCHAR, classification: pii }\n',
  'models/enriched.sql': model,
  'models/report.sql': 'SELECT id, SUM(qty) AS total FROM enriched GROUP BY id\n',
});

test('lineage --json prints exactly column, direction and edges', async (t) => {
  const { dir, cleanup } = await financeRepo();
  t.after(cleanup);
  const r = rocky(dir, 'lineage', 'risk_flags.exposure', '--json');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(out), ['column', 'direction', 'edges']);
  assert.equal(out.column, 'risk_flags.exposure');
  assert.equal(out.direction, 'upstream');
  for (const e of out.edges) assert.deepEqual(Object.keys(e), ['from', 'to', 'type', 'subtype', 'masking']);
  assert.ok(out.edges.some((e: { from: string }) => e.from === 'positions.quantity'), 'reaches the source column');
  const down = JSON.parse(rocky(dir, 'lineage', 'positions.quantity', '--downstream', '--json').stdout);
  assert.equal(down.direction, 'downstream');
  assert.ok(down.edges.some((e: { to: string }) => e.to === 'risk_flags.exposure'));
  const one = JSON.parse(rocky(dir, 'lineage', 'risk_flags.exposure', '--depth', '1', '--json').stdout);
  assert.ok(one.edges.every((e: { to: string }) => e.to === 'risk_flags.exposure'));
  assert.ok(one.edges.length < out.edges.length);
});

test('lineage renders text, dot and mermaid; unknown names exit 2 with a suggestion', async (t) => {
  const { dir, cleanup } = await financeRepo();
  t.after(cleanup);
  const text = rocky(dir, 'lineage', 'risk_flags.exposure');
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /^risk_flags\.exposure\n {2}<- exposure_by_sector\.exposure {2}DIRECT\/IDENTITY\n/);
  assert.match(rocky(dir, 'lineage', 'risk_flags', '--format', 'dot').stdout, /^digraph lineage \{/);
  assert.match(rocky(dir, 'lineage', 'risk_flags.flag', '--format', 'mermaid').stdout, /^flowchart LR\n/);
  const typo = rocky(dir, 'lineage', 'risk_flags.exposur');
  assert.equal(typo.status, 2);
  assert.match(typo.stderr, /column not found: risk_flags\.exposur \(did you mean risk_flags\.exposure\?\)/);
  const model = rocky(dir, 'lineage', 'risk_flag.exposure', '--json');
  assert.equal(model.status, 2);
  assert.equal(JSON.parse(model.stdout).error.code, 'E_NOT_FOUND');
  assert.equal(rocky(dir, 'lineage', 'risk_flags', '--depth', '0').status, 2);
});

test('lineage-diff between commits and against the work tree; --fail-on-breaking', (t) => {
  const { dir, cleanup } = repoWith(project('SELECT id, qty, sha256(ssn) AS ssn_hash FROM trades\n'));
  t.after(cleanup);
  const clean = rocky(dir, 'lineage-diff', 'HEAD');
  assert.equal(clean.status, 0, clean.stderr);
  assert.equal(clean.stdout, 'No lineage changes between `HEAD` and `the work tree`.\n');

  // Commit a narrowing that report.total reads, and an unmasked ssn.
  writeFileSync(join(dir, 'models/enriched.sql'), 'SELECT id, CAST(qty AS INTEGER) AS qty, ssn AS ssn_hash FROM trades\n');
  git(dir, 'commit', '-qam', 'narrow qty, unmask ssn');
  const md = rocky(dir, 'lineage-diff', 'HEAD~1', 'HEAD');
  assert.equal(md.status, 0, md.stderr);
  const lines = md.stdout.split('\n');
  assert.match(lines[0], /^\*\*Lineage changes between `HEAD~1` and `HEAD`:\*\* 1 model\(s\) \(1 modified\), 2 column change\(s\); \*\*2 breaking\*\*\.$/);
  assert.ok(lines.includes('<details><summary>⚠️ <code>enriched</code>: modified, 2 column change(s), breaking</summary>'));
  assert.ok(lines.includes('| Column | Change | Old type | New type | Downstream consumers | Breaking |'));
  assert.ok(lines.some((l) => l.startsWith('| `qty` | type changed, lineage changed | BIGINT | INTEGER | `report.total` | **yes**')), md.stdout);
  assert.ok(lines.some((l) => l.startsWith('| `ssn_hash` | lineage changed, classification changed (none → pii) | VARCHAR | VARCHAR | — | **yes**: masking lost')), md.stdout);
  assert.equal(rocky(dir, 'lineage-diff', 'HEAD~1', 'HEAD', '--fail-on-breaking').status, 1);

  const json = JSON.parse(rocky(dir, 'lineage-diff', 'HEAD~1', 'HEAD', '--format', 'json').stdout);
  assert.equal(json.breaking, true);
  assert.deepEqual(json.models.map((m: { name: string }) => m.name), ['enriched']);

  // The work tree against HEAD: widening back to BIGINT is not breaking; nothing is checked out.
  writeFileSync(join(dir, 'models/enriched.sql'), 'SELECT id, qty, ssn AS ssn_hash FROM trades\n');
  const wt = rocky(dir, 'lineage-diff', 'HEAD', '--json', '--fail-on-breaking');
  assert.equal(wt.status, 0, wt.stderr);
  const wtd = JSON.parse(wt.stdout);
  assert.equal(wtd.head, 'the work tree');
  assert.equal(wtd.breaking, false);
  assert.deepEqual(wtd.models[0].columns.map((c: { name: string; changes: string[] }) => [c.name, c.changes]), [['qty', ['type_changed', 'lineage_changed']]]);
  assert.equal(readFileSync(join(dir, 'models/enriched.sql'), 'utf8'), 'SELECT id, qty, ssn AS ssn_hash FROM trades\n');
  assert.equal(git(dir, 'status', '--porcelain').trim(), 'M models/enriched.sql');
});

test('lineage-diff: a changed CASE threshold is a SQL-only change; a new unmasked pii column is breaking', (t) => {
  const caseModel = (threshold: number) => `SELECT id, qty, CASE WHEN qty > ${threshold} THEN 'big' ELSE 'small' END AS size FROM trades\n`;
  const { dir, cleanup } = repoWith(project(caseModel(100)));
  t.after(cleanup);
  writeFileSync(join(dir, 'models/enriched.sql'), caseModel(200));
  const json = JSON.parse(rocky(dir, 'lineage-diff', 'HEAD', '--json').stdout);
  assert.equal(json.breaking, false);
  assert.deepEqual(json.models, [{ name: 'enriched', status: 'modified', sql_changed: true, columns: [], breaking: false }]);
  const md = rocky(dir, 'lineage-diff', 'HEAD');
  assert.equal(md.status, 0, md.stderr);
  const lines = md.stdout.split('\n');
  assert.equal(lines[0], '**Lineage changes between `HEAD` and `the work tree`:** 1 model(s) (1 modified), 0 column change(s), 1 SQL-only change(s); nothing breaking.');
  assert.ok(lines.includes('SQL changed; no column-level change (types, lineage and classification identical).'), md.stdout);
  // Re-indenting and commenting the model is no change at all.
  writeFileSync(join(dir, 'models/enriched.sql'), `-- sizes\n${caseModel(100).replace(' FROM', '\n  FROM')}`);
  assert.equal(rocky(dir, 'lineage-diff', 'HEAD').stdout, 'No lineage changes between `HEAD` and `the work tree`.\n');

  writeFileSync(join(dir, 'models/enriched.sql'), `SELECT id, qty, CASE WHEN qty > 100 THEN 'big' ELSE 'small' END AS size, ssn FROM trades\n`);
  const leak = rocky(dir, 'lineage-diff', 'HEAD', '--fail-on-breaking');
  assert.equal(leak.status, 1, leak.stderr);
  assert.ok(leak.stdout.split('\n').some((l) => l.startsWith('| `ssn` | added | — | VARCHAR | — | **yes**: new column exposes pii unmasked |')), leak.stdout);
});

test('lineage-diff: an unknown revision is a usage error', (t) => {
  const { dir, cleanup } = repoWith(project('SELECT id, qty FROM trades\n'));
  t.after(cleanup);
  const r = rocky(dir, 'lineage-diff', 'no-such-rev');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown revision: no-such-rev/);
});
