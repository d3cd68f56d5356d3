// `git rocky lineage`: compiles the work tree (incrementally when it can: lineage-plan.ts) and
// traces one column (or every column of a model) upstream to the sources or downstream to every
// consumer.
import { UsageError } from '../errors/usage-error.js';
import { buildLineageGraph, resolveLineageTarget, traceDownstream, traceUpstream, type LineageTrace } from '../lineage/index.js';
import { lineagePlan } from './lineage-plan.js';
import { openWorkspace } from './workspace.js';

export interface LineageOptions {
  readonly cwd: string;
  /** `<model>` or `<model>.<column>` (a source name works too). */
  readonly target: string;
  readonly downstream?: boolean;
  /** Edge hops to follow; all when omitted. */
  readonly depth?: number;
}

export async function lineage(opts: LineageOptions): Promise<LineageTrace> {
  if (opts.depth !== undefined && !(Number.isInteger(opts.depth) && opts.depth > 0)) {
    throw new UsageError(`--depth must be a positive integer, got ${opts.depth}`);
  }
  const ws = await openWorkspace(opts.cwd);
  try {
    const graph = buildLineageGraph(await lineagePlan(ws));
    const column = resolveLineageTarget(graph, opts.target);
    const edges = opts.downstream ? traceDownstream(graph, column, opts.depth) : traceUpstream(graph, column, opts.depth);
    return { column, direction: opts.downstream ? 'downstream' : 'upstream', edges };
  } finally {
    await ws.close();
  }
}
