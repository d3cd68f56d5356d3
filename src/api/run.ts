// `git rocky run`: compile the work tree, then run it on a branch's environment.
import { CompileError } from '../errors/compile-error.js';
import { ConflictError } from '../errors/conflict-error.js';
import { envRef } from '../store/env-ref.js';
import type { Cid } from '../objects/ids.js';
import type { ModelRunRecord } from '../objects/types.js';
import { baseEnvironment, runBranch, type BaseEnvironment, type RunProgress } from '../run/run-branch.js';
import { recordUnstartedRun } from '../run/record-unstarted-run.js';
import { WarehouseDamagedError } from '../warehouse/duckdb/warehouse-damaged-error.js';
import type { CompiledPlan } from '../plan/types.js';
import type { Store } from '../store/store.js';
import { HASH_SCHEME } from '../warehouse/duckdb/content-hash.js';
import { duckDbPackageVersion } from '../warehouse/duckdb/engine-package-version.js';
import type { SchemaDriftWarning } from '../run/schema-drift.js';
import { compileWorkspace } from './compile-workspace.js';
import { currentBranch } from './current-branch.js';
import { openWorkspace } from './workspace.js';
import { failpoint } from '../util/failpoint.js';

export interface RunOptions {
  readonly cwd: string;
  readonly branch?: string | null;
  readonly select?: readonly string[] | null;
  /** Models to rebuild even where a build of the same inputs exists (`model+`: and downstream). */
  readonly rebuild?: readonly string[] | null;
  readonly onProgress?: (p: RunProgress) => void;
  readonly onWait?: (msg: string) => void;
}

export interface RunResult {
  readonly run: Cid;
  readonly branch: string;
  readonly commit: string;
  readonly status: 'success' | 'failed';
  readonly models: readonly { name: string; cid: Cid; status: ModelRunRecord['status']; rows: number | null; output_hash: string | null; ms: number; error: string | null }[];
  /** Built tables whose columns differ from the compiled ones: the compiler was wrong. */
  readonly warnings: readonly SchemaDriftWarning[];
}

/** Records a run that the damaged warehouse file stopped before it began, so the env log shows
 *  it; a failure to record (a lost race) leaves the warehouse error as the one reported. */
async function recordDamaged(store: Store, compiled: CompiledPlan, start: BaseEnvironment, branch: string, head: { clean: boolean; commit: string | null }, startedAt: string, path: string): Promise<string | null> {
  try {
    return await recordUnstartedRun({
      store, compiled, start, branch, actor: await store.actor(), codeCommit: head.clean ? head.commit : null, startedAt,
      warehouseVersion: duckDbPackageVersion(), hashScheme: HASH_SCHEME,
      reason: `the warehouse file ${path} is damaged (E_WAREHOUSE_DAMAGED)`,
    });
  } catch {
    return null;
  }
}

/** A damaged-warehouse error becomes the same error saying whether the run was recorded; any
 *  other error is returned as it is. */
async function damagedRecorded(e: unknown, store: Store, compiled: CompiledPlan, start: BaseEnvironment, branch: string, head: { clean: boolean; commit: string | null }, startedAt: string): Promise<unknown> {
  // By code: the warehouse module is loaded on demand, and may be another copy of the class.
  const damaged = e as { code?: unknown; data?: { path?: unknown; cause?: unknown } };
  if (damaged.code !== 'E_WAREHOUSE_DAMAGED') return e;
  const path = String(damaged.data?.path);
  return new WarehouseDamagedError(path, String(damaged.data?.cause), await recordDamaged(store, compiled, start, branch, head, startedAt, path));
}

export async function run(opts: RunOptions): Promise<RunResult> {
  const ws = await openWorkspace(opts.cwd);
  try {
    // Read the branch and the code state first: the env ref is compared against what was read
    // at the start of the operation.
    const head = await ws.store.headState();
    const branch = await currentBranch(ws.store, opts.branch, head);
    const startedAt = new Date().toISOString();
    const start = await baseEnvironment(ws.store, branch);
    await failpoint('run:after-start');
    const compiled = await compileWorkspace(ws);
    if (compiled.diagnostics.some((d) => d.severity === 'error')) throw new CompileError(compiled.diagnostics);
    let warehouse;
    try {
      warehouse = await ws.warehouse(opts.onWait);
    } catch (e) {
      throw await damagedRecorded(e, ws.store, compiled, start, branch, head, startedAt);
    }
    // The warehouse lock is held from here: a writer that moved the branch's env while this
    // process compiled or waited for it has won. Know it now, not after every build.
    const now = await ws.store.envHead(branch);
    if ((now?.commit ?? null) !== (start.head?.commit ?? null)) {
      throw new ConflictError(envRef(branch), start.head?.commit ?? null, now?.commit ?? null);
    }
    const result = await runBranch({
      store: ws.store, warehouse, compiled, config: ws.config, root: ws.root, branch,
      select: opts.select ?? null, rebuild: opts.rebuild ?? null, actor: await ws.store.actor(), codeCommit: head.clean ? head.commit : null,
      onProgress: opts.onProgress, start,
    }).catch(async (e: unknown) => {
      // Damage found while running (a block failing its checksum when read): recorded the same way.
      throw await damagedRecorded(e, ws.store, compiled, start, branch, head, startedAt);
    });
    return {
      run: result.manifestCid, branch, commit: result.commit, status: result.manifest.status,
      models: result.manifest.models.map((m) => ({ name: m.name, cid: m.compiled['/'], status: m.status, rows: m.rows, output_hash: m.output_hash, ms: m.ms, error: m.error })),
      warnings: result.warnings,
    };
  } finally {
    await ws.close();
  }
}
