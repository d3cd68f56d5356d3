// `git rocky replay <run-cid|latest>`: verified re-execution of a recorded run. The replay is
// itself recorded in the branch's history (op `replay`, environment unchanged).
import { replayRun, type ModelVerdict, type ReplayResult } from '../replay/replay-run.js';
import { findRun } from '../replay/find-run.js';
import { currentBranch } from './current-branch.js';
import { openWorkspace } from './workspace.js';
import { ConflictError } from '../errors/conflict-error.js';

export async function replay(o: { cwd: string; run: string; branch?: string | null; onModel?: (v: ModelVerdict, i: number, n: number) => void; onWait?: (m: string) => void }): Promise<ReplayResult & { branch: string }> {
  const ws = await openWorkspace(o.cwd);
  try {
    const branch = await currentBranch(ws.store, o.branch);
    const { cid, within } = await findRun(ws.store, branch, o.run);
    // The extensions rocky.yaml lists now (the manifest does not record the run's list).
    const result = await replayRun({ store: ws.store, warehouse: await ws.warehouse(o.onWait), run: cid, within, extensions: ws.config.extensions, onModel: o.onModel });
    await recordReplay(ws.store, branch, result);
    return { ...result, branch };
  } finally {
    await ws.close();
  }
}

/** Appends the replay to the audit trail; a concurrent writer makes it retry on the new head,
 *  and a branch that keeps moving makes it fail loudly rather than skip the record. */
async function recordReplay(store: Awaited<ReturnType<typeof openWorkspace>>['store'], branch: string, r: ReplayResult): Promise<void> {
  const actor = await store.actor();
  for (let attempt = 1; ; attempt++) {
    const head = await store.envHead(branch);
    if (!head) return; // a replay by CID of a branch without environment: nothing to append to
    try {
      await store.commitEnv({
        branch, expected: head.commit, parents: [head.commit], objects: [], env: head.env, manifest: r.run,
        summary: `replay ${r.run}: ${r.verdict}`, op: 'replay', actor, code: null, time: new Date().toISOString(),
      });
      return;
    } catch (e) {
      if (!(e instanceof ConflictError) || attempt >= 5) throw e;
    }
  }
}
