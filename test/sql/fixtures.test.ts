// Runs every fixture of fixtures/sql/<pass>/ through compileModels and checks the expected
// columns, diagnostics, order, rendering, lineage edges and classification.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileModels } from '../../src/sql/index.js';
import type { LineageEdge } from '../../src/objects/types.js';
import { buildInputs } from './duckdb-helper.js';
import { loadFixtureCases } from './fixture-cases.js';

function edgeText(e: LineageEdge): string {
  return `${e.to} <- ${e.from} ${e.type}/${e.subtype}${e.masking ? ' masking' : ''}`;
}

for (const c of loadFixtureCases()) {
  test(`${c.file}: ${c.name}`, async () => {
    const { models, sources } = await buildInputs(c);
    const r = compileModels(models, sources);
    const ex = c.expect;
    const expectedDiags = ex.diagnostics ?? [];
    assert.equal(r.diagnostics.length, expectedDiags.length, `diagnostics: ${JSON.stringify(r.diagnostics, null, 1)}`);
    for (const d of expectedDiags) {
      const found = r.diagnostics.find((x) => x.code === d.code
        && (d.model === undefined || x.file === `models/${d.model}.sql`)
        && (d.severity === undefined || x.severity === d.severity)
        && (d.line === undefined || x.line === d.line)
        && (d.column === undefined || x.column === d.column)
        && (d.message === undefined || x.message.includes(d.message))
        && (d.hint === undefined || (x.hint ?? '').includes(d.hint)));
      assert.ok(found, `expected ${JSON.stringify(d)} among ${JSON.stringify(r.diagnostics, null, 1)}`);
    }
    if (ex.order) assert.deepEqual(r.order, ex.order);
    if (ex.compiled) assert.deepEqual([...r.models.keys()].sort(), [...ex.compiled].sort());
    for (const [m, cols] of Object.entries(ex.columns ?? {})) {
      const draft = r.models.get(m);
      assert.ok(draft, `model ${m} did not compile`);
      assert.deepEqual(draft.columns.map((x) => `${x.name} ${x.type}`), cols);
    }
    for (const [m, text] of Object.entries(ex.rendered ?? {})) assert.equal(r.models.get(m)?.rendered.duckdb, text);
    for (const [m, edges] of Object.entries(ex.edges ?? {})) {
      assert.deepEqual(r.models.get(m)?.lineage.map(edgeText), edges);
    }
    for (const [m, cols] of Object.entries(ex.classification ?? {})) {
      const draft = r.models.get(m)!;
      for (const [col, tags] of Object.entries(cols)) assert.deepEqual(draft.columns.find((x) => x.name === col)?.classification, tags, `${m}.${col}`);
    }
  });
}
