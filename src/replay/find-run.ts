// Finds the run manifest a replay names: a manifest CID, or `latest` (the newest run recorded on
// the branch's environment history), and the env commit whose tree holds its objects.
import { isCid } from '../codec/decode-object.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { UsageError } from '../errors/usage-error.js';
import type { Cid } from '../objects/ids.js';
import type { Store } from '../store/store.js';

export async function findRun(store: Store, branch: string, run: string): Promise<{ cid: Cid; within: string[] }> {
  if (run === 'latest') {
    const log = await store.envLog(branch);
    if (!log.length) throw new NotFoundError('environment of branch', branch, `run it first: git rocky run --branch ${branch}`);
    const entry = log.find((e) => e.op === 'run' && e.manifest !== null);
    if (!entry || !entry.manifest) throw new NotFoundError('run on branch', branch);
    return { cid: entry.manifest, within: [entry.commit] };
  }
  if (!isCid(run)) throw new UsageError(`'${run}' is neither a run manifest CID nor 'latest'`);
  return { cid: run as Cid, within: [] };
}
