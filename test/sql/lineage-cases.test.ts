// Runs the shared column-lineage cases (fixtures/lineage/cases.yaml, a copy of
// ../shared/lineage/cases.yaml) and the repository's own (constructs.yaml): compiles each case's
// project and walks the compiled lineage across models down to source columns, as the CLI does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { compileModels, type CompiledModelDraft } from '../../src/sql/index.js';
import { buildInputs } from './duckdb-helper.js';

interface LineageCase {
  readonly name: string;
  readonly sources: Record<string, Record<string, string>>;
  readonly models: Record<string, string>;
  readonly expect: Record<string, { direct?: string[]; indirect_includes?: string[]; masking?: boolean; columns?: string[] }>;
}

const load = (file: string) => (parseYaml(readFileSync(join(process.cwd(), 'fixtures', 'lineage', file), 'utf8')) as { cases: LineageCase[] }).cases;
const shared = load('cases.yaml');
// The repository's own cases in the same format: GROUPING SETS, recursive CTEs, COLUMNS(...).
const doc = { cases: [...shared, ...load('constructs.yaml')] };

/** Source columns reaching `model.column`: through DIRECT edges only, and through any INDIRECT edge. */
function upstream(models: ReadonlyMap<string, CompiledModelDraft>, model: string, column: string): { direct: Set<string>; indirect: Set<string> } {
  const direct = new Set<string>();
  const indirect = new Set<string>();
  const seen = new Set<string>();
  const walk = (m: string, col: string, viaIndirect: boolean): void => {
    const key = `${m}.${col}\u0000${viaIndirect}`;
    if (seen.has(key)) return;
    seen.add(key);
    for (const e of models.get(m)!.lineage) {
      if (e.to !== col) continue;
      const dot = e.from.indexOf('.');
      const input = e.from.slice(0, dot);
      const inputCol = e.from.slice(dot + 1);
      const ind = viaIndirect || e.type === 'INDIRECT';
      if (models.has(input)) walk(input, inputCol, ind);
      else (ind ? indirect : direct).add(e.from);
    }
  };
  walk(model, column, false);
  return { direct, indirect };
}

assert.ok(shared.length >= 10);
for (const c of doc.cases) {
  test(`lineage case: ${c.name}`, async () => {
    const { models, sources } = await buildInputs({
      models: c.models,
      sources: c.sources,
    });
    const r = compileModels(models, sources);
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
    for (const [target, ex] of Object.entries(c.expect)) {
      const dot = target.indexOf('.');
      if (dot < 0) {
        assert.deepEqual(r.models.get(target)!.columns.map((col) => col.name), ex.columns, `${target} columns`);
        continue;
      }
      const model = target.slice(0, dot);
      const column = target.slice(dot + 1);
      const up = upstream(r.models, model, column);
      if (ex.direct) assert.deepEqual([...up.direct].sort(), [...ex.direct].sort(), `${target} direct`);
      for (const i of ex.indirect_includes ?? []) assert.ok(up.indirect.has(i), `${target}: ${i} should be reached indirectly (got ${[...up.indirect].join(', ')})`);
      if (ex.masking !== undefined) {
        const edges = r.models.get(model)!.lineage.filter((e) => e.to === column && e.type === 'DIRECT');
        assert.ok(edges.length > 0, `${target} has DIRECT edges`);
        assert.ok(edges.every((e) => e.masking === ex.masking), `${target} masking`);
      }
    }
  });
}
