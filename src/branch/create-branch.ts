// Creates a branch: the git branch if missing, an env ref whose first commit continues the
// from-branch's history, and a schema of views on the from-branch's physical tables. No data
// is copied: the cost is one small commit and one view per model.
import { NotFoundError } from '../errors/not-found-error.js';
import { UsageError } from '../errors/usage-error.js';
import { envSchema } from '../objects/env-schema.js';
import type { EnvObject } from '../objects/types.js';
import type { ProjectConfig } from '../project/types.js';
import { commitEnvChange } from '../run/commit-env-change.js';
import { readTypedObject } from '../run/read-typed-object.js';
import type { Store } from '../store/store.js';
import type { Warehouse } from '../warehouse/warehouse.js';

const BRANCH_NAME_RULES = "no spaces, control characters, '..', '~', '^', ':', '?', '*', '[' or '\\', no '/.' or '//', not ending in '/', '.' or '.lock'";

export interface CreateBranchOptions {
  readonly store: Store;
  readonly warehouse: Warehouse;
  readonly config: ProjectConfig;
  readonly name: string;
  readonly from: string;
  readonly actor: string;
  readonly codeCommit: string | null;
}

export async function createBranch(o: CreateBranchOptions): Promise<{ commit: string; schema: string; models: number }> {
  const reason = await o.store.checkBranchName(o.name);
  // git's own reason already names the branch ("'x y' is not a valid branch name"): said once,
  // with the rules git applies, since git gives no more detail.
  if (reason) {
    const said = reason.includes(`'${o.name}'`) ? reason : `'${o.name}' is not a valid branch name: ${reason}`;
    throw new UsageError(`${said} (${BRANCH_NAME_RULES})`, { branch: o.name });
  }
  if (await o.store.envHead(o.name)) throw new UsageError(`branch ${o.name} already has an environment (git rocky branch show ${o.name})`, { branch: o.name });
  const from = await o.store.envHead(o.from);
  if (!from) throw new NotFoundError('environment of branch', o.from, `run it first: git rocky run --branch ${o.from}`);
  await o.store.ensureGitBranch(o.name);
  const fromEnv = await readTypedObject(o.store, from.env, 'env', [from.commit]);
  const env: EnvObject = { ...fromEnv, branch: o.name, schema: envSchema(o.name) };
  const { commit } = await commitEnvChange({
    store: o.store, warehouse: o.warehouse, head: null, from, env, manifest: null, objects: [],
    op: 'branch', summary: `branch ${o.name} from ${o.from} (${env.models.length} models, no data copied)`,
    actor: o.actor, code: o.codeCommit, config: o.config, updateViews: true,
  });
  return { commit, schema: env.schema, models: env.models.length };
}
