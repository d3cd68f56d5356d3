// `git rocky compile`: compiles the work tree; when the work tree is a clean commit, records the
// plan for that commit under refs/rocky/plans so it can be loaded by CID later.
import type { Diagnostic } from '../objects/diagnostic.js';
import type { Cid } from '../objects/ids.js';
import type { Column } from '../objects/types.js';
import { compileWorkspace } from './compile-workspace.js';
import { openWorkspace, type Workspace } from './workspace.js';

export interface CompileResult {
  readonly plan: Cid | null;
  readonly models: readonly { name: string; cid: Cid; columns: readonly Pick<Column, 'name' | 'type'>[]; upstream: readonly string[] }[];
  readonly diagnostics: readonly Diagnostic[];
  /** The code commit the plan was recorded for, or null (dirty work tree, or errors). */
  readonly recorded_for: string | null;
  /** Models whose parse tree came from the content-addressed cache (text unchanged) / were parsed. */
  readonly parse_cache: { readonly hits: number; readonly misses: number };
  /** Models taken whole from the compile cache (text, config and inputs' columns unchanged) /
   *  compiled. */
  readonly compile_cache: { readonly reused: number; readonly compiled: number };
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
  const said = { sources: 'sources described', parse: 'models parsed', compile: 'names, types and lineage resolved', objects: 'objects encoded' };
  const compiled = await compileWorkspace(ws, onProgress && ((phase, ms) => onProgress(`${said[phase]} (${(ms / 1000).toFixed(1)} s)`)));
  const errors = compiled.diagnostics.some((d) => d.severity === 'error');
  let recordedFor: string | null = null;
  if (!errors) {
    const head = await headState;
    if (head.commit && head.clean) {
      // Recompiling a commit whose plan is recorded already (same CID) writes nothing.
      if ((await ws.store.planFor(head.commit)) !== compiled.planCid) {
        onProgress?.(`recording the plan for ${head.commit.slice(0, 12)} (${compiled.objects.length} objects)`);
        await ws.store.recordPlan(head.commit, compiled.planCid, compiled.objects);
      }
      recordedFor = head.commit;
    }
  }
  return {
    plan: errors ? null : compiled.planCid,
    models: compiled.plan.order.map((name) => {
      const m = compiled.models.get(name)!;
      return { name, cid: m.cid, columns: m.columns.map((c) => ({ name: c.name, type: c.type })), upstream: m.upstream };
    }),
    diagnostics: compiled.diagnostics,
    recorded_for: recordedFor,
    parse_cache: compiled.parseCache,
    compile_cache: compiled.reuse,
  };
}
