// `git rocky compile`: compiles the work tree; when the work tree is a clean commit, records the
// plan for that commit under refs/rocky/plans so it can be loaded by CID later.
import type { Diagnostic } from '../objects/diagnostic.js';
import type { Cid } from '../objects/ids.js';
import type { Column } from '../objects/types.js';
import { compileWorkspace } from './compile-workspace.js';
import { openWorkspace } from './workspace.js';

export interface CompileResult {
  readonly plan: Cid | null;
  readonly models: readonly { name: string; cid: Cid; columns: readonly Pick<Column, 'name' | 'type'>[]; upstream: readonly string[] }[];
  readonly diagnostics: readonly Diagnostic[];
  /** The code commit the plan was recorded for, or null (dirty work tree, or errors). */
  readonly recorded_for: string | null;
  /** Models whose parse tree came from the content-addressed cache (text unchanged) / were parsed. */
  readonly parse_cache: { readonly hits: number; readonly misses: number };
}

export async function compile(opts: { cwd: string }): Promise<CompileResult> {
  const ws = await openWorkspace(opts.cwd);
  try {
    const compiled = await compileWorkspace(ws);
    const errors = compiled.diagnostics.some((d) => d.severity === 'error');
    let recordedFor: string | null = null;
    if (!errors) {
      const head = await ws.store.headState();
      if (head.commit && head.clean) {
        // Recompiling a commit whose plan is recorded already (same CID) writes nothing.
        if ((await ws.store.planFor(head.commit)) !== compiled.planCid) await ws.store.recordPlan(head.commit, compiled.planCid, compiled.objects);
        recordedFor = head.commit;
      }
    }
    return {
      plan: errors ? null : compiled.planCid,
      models: compiled.plan.order.map((name) => {
        const m = compiled.models.get(name)!;
        return { name, cid: m.cid, columns: m.object.columns.map((c) => ({ name: c.name, type: c.type })), upstream: m.object.inputs.map((i) => i.name) };
      }),
      diagnostics: compiled.diagnostics,
      recorded_for: recordedFor,
      parse_cache: compiled.parseCache,
    };
  } finally {
    await ws.close();
  }
}
