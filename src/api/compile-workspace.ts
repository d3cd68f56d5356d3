// Compiles the project of a workspace (its work tree), parsing with an in-memory DuckDB so a
// compile never waits for the warehouse lock; only sources read from warehouse tables without
// declared types need the real warehouse. Models unchanged since an earlier compile come from
// the compile cache in .rocky/cache (docs/compile.md); large batches of texts to parse go
// through the content-addressed parse cache there.
import { compilePlan } from '../plan/compile-plan.js';
import type { CompiledPlan } from '../plan/types.js';
import type { Workspace } from './workspace.js';
import { collectGarbage } from '../util/collect-garbage.js';

/** A compile that parsed this many models collects its garbage between analysis and encoding. */
const LARGE_PARSE = 1000;

export async function compileWorkspace(ws: Workspace, onPhase?: Parameters<typeof compilePlan>[1]['onPhase']): Promise<CompiledPlan> {
  const { project, diagnostics } = await ws.loadProject();
  const needsWarehouse = project.sources.some((s) => 'table' in s.origin && !(s.columns.length > 0 && s.columns.every((c) => c.type !== null)));
  // Opened only when a source has to be described: typed sources and cached models need no DuckDB.
  const describer = () => (needsWarehouse ? ws.warehouse() : ws.scratch());
  const before = ws.parseStats();
  const compiled = await compilePlan(project, {
    parseSql: (sqls, onTree) => ws.parseSql(sqls, onTree),
    describeSource: async (origin) => (await describer()).describeSource(origin),
    describeModel: async (text, inputs) => (await ws.scratch()).describeModel(text, inputs),
    root: ws.root,
    doneParsing: async () => {
      await ws.releaseParser();
      const now = ws.parseStats();
      if (now.hits + now.misses - before.hits - before.misses >= LARGE_PARSE) collectGarbage();
    },
    onPhase,
  }, diagnostics, ws.compileCache());
  return compiled;
}
