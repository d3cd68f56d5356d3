// A whole compile of the work tree that leaves the last compile's record for the next command to
// start from: the files stamped as they are read, the record written if the compile had no
// errors. What `compile` and `lineage` fall back to when the record cannot be used.
import type { CompiledPlan } from '../plan/types.js';
import { compileWorkspace } from './compile-workspace.js';
import { recordLastCompile } from './record-last-compile.js';
import type { Workspace } from './workspace.js';

export async function compileAndRecord(ws: Workspace, onPhase?: Parameters<typeof compileWorkspace>[1]): Promise<CompiledPlan> {
  ws.stampReads();
  const plan = await compileWorkspace(ws, onPhase);
  await recordLastCompile(ws, plan);
  return plan;
}
