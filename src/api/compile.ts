// `git rocky compile`: compiles the work tree; when the work tree is a clean commit, records the
// plan for that commit under refs/rocky/plans so it can be loaded by CID later.
import type { Diagnostic } from '../objects/diagnostic.js';
import type { Cid } from '../objects/ids.js';
import { compileChanged } from './compile-changed.js';
import { compileAndRecord } from './compile-and-record.js';
import type { CompiledPlan } from '../plan/types.js';
import { recordedModel, type ReportedModel } from './recorded-model.js';
import { openWorkspace, type Workspace } from './workspace.js';

export interface CompileResult {
  readonly plan: Cid | null;
  /** In plan order. Made when first read: the text output never reads it. */
  readonly models: readonly ReportedModel[];
  /** How many models `models` holds, without making the list. */
  readonly model_count: number;
  readonly diagnostics: readonly Diagnostic[];
  /** The code commit the plan was recorded for, or null (dirty work tree, or errors). */
  readonly recorded_for: string | null;
  /** Models whose parse tree came from the content-addressed cache (text unchanged) / were parsed. */
  readonly parse_cache: { readonly hits: number; readonly misses: number };
  /** Models taken whole from the compile cache (text, config and inputs' columns unchanged) /
   *  compiled. */
  readonly compile_cache: { readonly reused: number; readonly compiled: number };
  /** True when the compile started from the last compile's record and compiled only what the
   *  models whose SQL changed reach (docs/compile.md); false for a whole-project compile. */
  readonly incremental: boolean;
}

export interface CompileOptions {
  readonly cwd: string;
  /** Progress on long compiles: a line as each phase ends, with its time. */
  readonly onProgress?: (line: string) => void;
}

export async function compile(opts: CompileOptions): Promise<CompileResult> {
  const ws = await openWorkspace(opts.cwd);
  try {
    return await compileInWorkspace(ws, opts.onProgress);
  } finally {
    await ws.close();
  }
}

/** One compile of the workspace's project as loaded now (compile --watch calls it repeatedly). */
export async function compileInWorkspace(ws: Workspace, onProgress?: (line: string) => void): Promise<CompileResult> {
  // git status runs in a child process while the compile runs here.
  const headState = ws.store.headState();
  headState.catch(() => undefined); // awaited below only when there are no errors
  const before = ws.parseStats();
  // Only the models whose SQL changed since the last compile, when its record allows. The record
  // is a cache: one it cannot use, whatever the reason, means a whole compile, not a failure.
  const changed = await compileChanged(ws).catch(() => null);
  let compiled: CompiledPlan | null = null;
  const whole = async (): Promise<CompiledPlan> => {
    const said = { sources: 'sources described', parse: 'models parsed', compile: 'names, types and lineage resolved', objects: 'objects encoded' };
    return compileAndRecord(ws, onProgress && ((phase, ms) => onProgress(`${said[phase]} (${(ms / 1000).toFixed(1)} s)`)));
  };
  if (!changed) compiled = await whole();
  const planCid = changed ? changed.planCid : compiled!.planCid;
  const diagnostics = changed ? changed.diagnostics : compiled!.diagnostics;
  const errors = diagnostics.some((d) => d.severity === 'error');
  let recordedFor: string | null = null;
  if (!errors && planCid !== null) {
    const head = await headState;
    if (head.commit && head.clean) {
      // Recompiling a commit whose plan is recorded already (same CID) writes nothing.
      if ((await ws.store.planFor(head.commit)) !== planCid) {
        // The objects of an incremental compile come from the compile cache; if it no longer
        // holds them all, a whole compile makes them (the same plan).
        const objects = changed?.objects() ?? (compiled ??= await whole()).objects;
        if (compiled && compiled.planCid !== planCid) throw new Error(`invariant: the incremental compile gave plan ${planCid}, a whole compile ${compiled.planCid}`);
        onProgress?.(`recording the plan for ${head.commit.slice(0, 12)} (${objects.length} objects)`);
        await ws.store.recordPlan(head.commit, planCid, objects);
      }
      recordedFor = head.commit;
    }
  }
  const after = ws.parseStats();
  let models: ReportedModel[] | undefined;
  return {
    plan: errors ? null : planCid,
    // 10,000 models' columns as objects cost ~15-20 ms, a sizeable part of a one-model recompile.
    get models() {
      return (models ??= changed
        ? changed.models.map(recordedModel)
        : compiled!.plan.order.map((name) => {
          const m = compiled!.models.get(name)!;
          return { name, cid: m.cid, columns: m.columns.map((c) => ({ name: c.name, type: c.type, classification: c.classification })), upstream: m.upstream };
        }));
    },
    model_count: changed ? changed.models.length : compiled!.plan.order.length,
    diagnostics,
    recorded_for: recordedFor,
    parse_cache: { hits: after.hits - before.hits, misses: after.misses - before.misses },
    compile_cache: changed ? changed.reuse : compiled!.reuse,
    incremental: changed !== null,
  };
}
