// A run that could not start on the warehouse (its file is damaged) is still recorded: a failed
// run manifest with no model records, committed to the branch's env history with the
// environment unchanged, so `git rocky log` shows the attempt and why it failed.
import { encodeObject, type EncodedObject } from '../codec/encode-object.js';
import { link } from '../objects/ids.js';
import type { RunManifestObject } from '../objects/types.js';
import type { CompiledPlan } from '../plan/types.js';
import type { Store } from '../store/store.js';
import type { BaseEnvironment } from './run-branch.js';

export interface UnstartedRun {
  readonly store: Store;
  readonly compiled: CompiledPlan;
  readonly start: BaseEnvironment;
  readonly branch: string;
  readonly actor: string;
  readonly codeCommit: string | null;
  readonly startedAt: string;
  /** The engine's identity as far as it is known without opening the warehouse. */
  readonly warehouseVersion: string;
  readonly hashScheme: string;
  readonly reason: string;
}

/** Commits the failed run (compare-and-swap against the start state); returns the env commit. */
export async function recordUnstartedRun(u: UnstartedRun): Promise<string> {
  const manifest: RunManifestObject = {
    kind: 'run-manifest', version: 1, op: 'run', branch: u.branch, code_commit: u.codeCommit, plan: link(u.compiled.planCid),
    actor: u.actor, started_at: u.startedAt, ended_at: new Date().toISOString(), status: 'failed',
    warehouse: { type: 'duckdb', version: u.warehouseVersion }, hash_scheme: u.hashScheme, snapshots: [], models: [],
  };
  const manifestEnc = encodeObject(manifest);
  const envEnc = encodeObject(u.start.env);
  const prev = u.start.head ?? u.start.from;
  const objects: EncodedObject[] = [...u.compiled.objects, manifestEnc, envEnc];
  return u.store.commitEnv({
    branch: u.branch, expected: u.start.head?.commit ?? null, parents: prev ? [prev.commit] : [], baseTree: prev?.tree ?? null,
    objects, env: envEnc.cid, manifest: manifestEnc.cid, op: 'run', actor: u.actor, code: u.codeCommit, time: new Date().toISOString(),
    summary: `run on ${u.branch} FAILED: ${u.reason.split('\n')[0]}`,
  });
}
