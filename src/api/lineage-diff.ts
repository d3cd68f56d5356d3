// `git rocky lineage-diff <base> [<head>]`: compiles the project at two git revisions (or a
// revision and the work tree) without checking anything out, and diffs their column lineage.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, resolve, sep } from 'node:path';
import { CompileError } from '../errors/compile-error.js';
import { UsageError } from '../errors/usage-error.js';
import { diffLineage, type LineageDiff } from '../lineage/index.js';
import { compilePlan } from '../plan/compile-plan.js';
import type { CompiledPlan } from '../plan/types.js';
import { commitFiles, loadProject } from '../project/index.js';
import { compileWorkspace } from './compile-workspace.js';
import { openWorkspace, type Workspace } from './workspace.js';

export interface LineageDiffOptions {
  readonly cwd: string;
  /** Any git revision (branch, tag, HEAD~1, commit id). */
  readonly base: string;
  /** A revision; the work tree when omitted. */
  readonly head?: string;
}

export async function lineageDiff(opts: LineageDiffOptions): Promise<LineageDiff> {
  const ws = await openWorkspace(opts.cwd);
  try {
    const base = await compileRevision(ws, opts.base);
    const head = opts.head === undefined ? checked(await compileWorkspace(ws), 'the work tree') : await compileRevision(ws, opts.head);
    return diffLineage(base, head, { base: opts.base, head: opts.head ?? 'the work tree' });
  } finally {
    await ws.close();
  }
}

async function compileRevision(ws: Workspace, rev: string): Promise<CompiledPlan> {
  const commit = await ws.store.resolveRevision(rev);
  if (!commit) throw new UsageError(`unknown revision: ${rev}`, { revision: rev });
  const files = await commitFiles(ws.store, commit, ws.prefix);
  const loaded = await loadProject(files);
  const scratch = await ws.scratch();
  // A past commit's data files are read as committed, never from the work tree (which may hold
  // other versions, or none): each source's file is written out of git into a scratch root.
  const root = mkdtempSync(join(tmpdir(), 'rocky-rev-'));
  try {
    for (const source of loaded.project.sources) {
      if (!('path' in source.origin)) continue;
      const target = resolve(root, source.origin.path);
      if (!target.startsWith(`${root}${sep}`)) continue; // outside: the compile reports it
      const bytes = files.bytes(normalize(source.origin.path).split(sep).join('/'));
      if (bytes === null) continue; // not committed: the compile reports it
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, bytes);
    }
    const plan = await compilePlan(loaded.project, {
      parseSql: (sqls) => ws.parseSql(sqls),
      describeSource: (origin) => scratch.describeSource(origin),
      describeModel: (text, inputs) => scratch.describeModel(text, inputs),
      root,
    }, loaded.diagnostics, ws.compileCache());
    return checked(plan, rev);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function checked(plan: CompiledPlan, where: string): CompiledPlan {
  if (!plan.diagnostics.some((d) => d.severity === 'error')) return plan;
  // Say which side failed: the diagnostics alone name files, not revisions.
  throw new CompileError(plan.diagnostics.map((d) => ({ ...d, message: `(at ${where}) ${d.message}` })));
}
