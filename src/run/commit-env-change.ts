// The one way an environment changes: write the new env object and its manifest, replace the
// environment's views in a warehouse transaction, and move the env ref by compare-and-swap
// before that transaction commits. If the ref moved meanwhile, the views roll back and the
// ConflictError propagates: nothing changed. A crash between the ref move and the view commit
// leaves views behind the ref; the next operation on the branch replaces every view anyway.
import { encodeObject, type EncodedObject } from '../codec/encode-object.js';
import type { Cid } from '../objects/ids.js';
import type { Column, EnvModel, EnvObject } from '../objects/types.js';
import type { ProjectConfig } from '../project/types.js';
import type { EnvHead, Store } from '../store/store.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { envViews } from './env-views.js';
import { readTypedObject } from './read-typed-object.js';
import { failpoint } from '../util/failpoint.js';

export interface EnvChange {
  readonly store: Store;
  readonly warehouse: Warehouse;
  /** The branch's env head read at the start of the operation (null: the branch has none yet). */
  readonly head: EnvHead | null;
  /** Where a new branch's history continues from (its from-branch's head), else same as head. */
  readonly from: EnvHead | null;
  readonly env: EnvObject;
  readonly manifest: EncodedObject | null;
  readonly objects: readonly EncodedObject[];
  readonly op: string;
  readonly summary: string;
  readonly actor: string;
  readonly code: string | null;
  readonly config: ProjectConfig;
  readonly updateViews: boolean;
  /** Columns of a model known without reading the store (from the current plan), else null. */
  readonly columnsOf?: (m: EnvModel) => readonly Column[] | null;
  /** Extra parents (a merge's second parent). */
  readonly extraParents?: readonly string[];
}

export async function commitEnvChange(c: EnvChange): Promise<{ commit: string; envCid: Cid }> {
  const envEnc = encodeObject(c.env);
  const prev = c.head ?? c.from;
  const parents = [...(prev ? [prev.commit] : []), ...(c.extraParents ?? [])];
  const commitNow = (): Promise<string> => c.store.commitEnv({
    branch: c.env.branch, expected: c.head?.commit ?? null, parents, baseTree: prev?.tree ?? null,
    objects: [...c.objects, ...(c.manifest ? [c.manifest] : []), envEnc],
    env: envEnc.cid, manifest: c.manifest?.cid ?? null, summary: c.summary, op: c.op,
    actor: c.actor, code: c.code, time: new Date().toISOString(),
  });
  if (!c.updateViews) return { commit: await commitNow(), envCid: envEnc.cid };

  // Column lists matter only where views mask; elsewhere a view is `SELECT *`.
  const masking = c.config.environments[c.env.branch]?.masking === true;
  const columns = new Map<string, readonly Column[]>();
  if (masking) for (const m of c.env.models) {
    const known = c.columnsOf?.(m);
    columns.set(m.name, known ?? (await readTypedObject(c.store, m.compiled['/'], 'compiled-model', prev ? [prev.commit] : undefined)).columns);
  }
  const views = envViews(c.env.models, (m) => columns.get(m.name) ?? [], { enabled: masking, strategies: c.config.masking });
  await c.warehouse.ensureSchema(c.env.schema);
  const wanted = new Set(views.map((v) => v.name.toLowerCase()));
  const drop = (await c.warehouse.listViews(c.env.schema)).filter((v) => !wanted.has(v.toLowerCase()));
  let commit = '';
  if (!c.warehouse.replaceViewsThen) throw new Error('invariant: the warehouse adapter cannot move views and the ref together');
  await c.warehouse.replaceViewsThen(c.env.schema, views, drop, async () => {
    await failpoint('env:before-ref');
    commit = await commitNow();
    await failpoint('env:after-ref');
  });
  return { commit, envCid: envEnc.cid };
}
