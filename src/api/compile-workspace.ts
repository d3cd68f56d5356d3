// Compiles the project of a workspace (its work tree), parsing with an in-memory DuckDB so a
// compile never waits for the warehouse lock; only sources read from warehouse tables without
// declared types need the real warehouse.
import { compilePlan } from '../plan/compile-plan.js';
import type { CompiledPlan } from '../plan/types.js';
import type { Workspace } from './workspace.js';

export async function compileWorkspace(ws: Workspace): Promise<CompiledPlan> {
  const { project, diagnostics } = await ws.loadProject();
  const scratch = await ws.scratch();
  const needsWarehouse = project.sources.some((s) => 'table' in s.origin && !(s.columns.length > 0 && s.columns.every((c) => c.type !== null)));
  const describer = needsWarehouse ? await ws.warehouse() : scratch;
  return compilePlan(project, {
    parseSql: (sqls) => scratch.parseSql(sqls),
    describeSource: (origin) => describer.describeSource(origin),
    root: ws.root,
  }, diagnostics);
}
