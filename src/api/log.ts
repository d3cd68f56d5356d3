// `git rocky log [<branch>]`: the operations on a branch's environment, newest first.
import { NotFoundError } from '../errors/not-found-error.js';
import type { EnvLogEntry } from '../store/store.js';
import { currentBranch } from './current-branch.js';
import { openWorkspace } from './workspace.js';

export async function log(o: { cwd: string; branch?: string | null; limit?: number }): Promise<{ branch: string; entries: EnvLogEntry[] }> {
  const ws = await openWorkspace(o.cwd);
  try {
    const branch = await currentBranch(ws.store, o.branch);
    if (!(await ws.store.envHead(branch))) throw new NotFoundError('environment of branch', branch, `run it first: git rocky run --branch ${branch}`);
    return { branch, entries: await ws.store.envLog(branch, o.limit) };
  } finally {
    await ws.close();
  }
}
