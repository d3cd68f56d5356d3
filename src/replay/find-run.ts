// Finds the run manifest a replay names: a manifest CID, or `latest` (the newest run recorded on
// the branch's environment history), and the env commit whose tree holds its objects.
import { isCid } from '../codec/decode-object.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { UsageError } from '../errors/usage-error.js';
import type { Cid } from '../objects/ids.js';
import type { Store } from '../store/store.js';

const RECENT = 50;

export async function findRun(store: Store, branch: string, run: string): Promise<{ cid: Cid; within: string[] }> {
  if (run === 'latest') {
    // The newest run is nearly always among the last operations: read those first, and the
    // whole history only when it is not.
    let log = await store.envLog(branch, RECENT);
    if (!log.length) throw new NotFoundError('environment of branch', branch, `run it first: git rocky run --branch ${branch}`);
    const isRun = (e: (typeof log)[number]): boolean => e.op === 'run' && e.manifest !== null;
    if (!log.some(isRun) && log.length === RECENT) log = await store.envLog(branch);
    const entry = log.find(isRun);
    if (!entry || !entry.manifest) throw new NotFoundError('run on branch', branch);
    return { cid: entry.manifest, within: [entry.commit] };
  }
  if (!isCid(run)) throw new UsageError(`'${run}' is neither a run manifest CID nor 'latest'`);
  return { cid: run as Cid, within: [] };
}
