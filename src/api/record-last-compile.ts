// After a whole compile of the work tree, records it (plan/last-compile.ts) so the next compile
// can start from it. Only a compile that is a pure function of the files it read is recorded:
// no errors, and every source with declared types (a source typed from its data can change
// without any file of the project changing).
import { filesOf, lastColumnsText, upstreamText, type LastModel, type LastSource } from '../plan/last-compile.js';
import type { CompiledPlan } from '../plan/types.js';
import type { Workspace } from './workspace.js';

export async function recordLastCompile(ws: Workspace, compiled: CompiledPlan): Promise<void> {
  const read = ws.readFiles();
  if (!read || compiled.diagnostics.some((d) => d.severity === 'error')) return;
  const { project } = await ws.loadProject();
  if (!project.sources.every((s) => s.columns.length > 0 && s.columns.every((c) => c.type !== null))) return;
  if (compiled.plan.order.length !== project.models.length) return;
  // The files this project was loaded from: its models' SQL and sidecars, and sources.yaml.
  const stamps: number[] = [];
  const recorded: string[] = [];
  const hashes: Record<string, string> = {};
  const paths = project.models.flatMap((m) => (m.sidecar ? [m.path, m.sidecar] : [m.path]));
  if (read.stamps.has('sources.yaml')) paths.push('sources.yaml');
  for (const path of paths) {
    const stamp = read.stamps.get(path);
    if (!stamp) return;
    recorded.push(path);
    stamps.push(...stamp);
    if (!path.endsWith('.sql')) {
      const hash = read.hashes.get(path);
      if (hash === undefined) return;
      hashes[path] = hash;
    }
  }
  const pathOf = new Map(project.models.map((m) => [m.name, m.path]));
  const models = compiled.plan.order.map((name): LastModel => {
    const m = compiled.models.get(name)!;
    return [name, m.cid, pathOf.get(name)!, upstreamText(m.upstream), lastColumnsText(m.columns)];
  });
  const sources = compiled.plan.sources.map((s): LastSource => {
    const decl = compiled.sources.get(s.name)!.decl;
    return [s.name, s.schema['/'], decl.file, decl.line];
  });
  // The plan object is the last one encoded.
  let planObject = null;
  for (let i = compiled.objects.length - 1; i >= 0 && !planObject; i--) if (compiled.objects[i].cid === compiled.planCid) planObject = compiled.objects[i];
  if (!planObject) return;
  ws.saveLastCompile({
    engine: ws.engine(), at: read.at, rocky: read.rocky, files: filesOf({ paths: recorded, stamps: Float64Array.from(stamps) }), hashes,
    plan: compiled.planCid, planBytes: Buffer.from(planObject.bytes).toString('base64'), project: compiled.plan.project, models, sources, diagnostics: compiled.diagnostics,
  });
}
