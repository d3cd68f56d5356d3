// Verified replay: loads a run manifest and every compiled model BY CID (never the work tree),
// re-executes the models that run built or reused on the pinned source snapshots in a scratch
// schema, hashes each output and compares it with the recorded hash. The scratch schema is
// dropped afterwards, whatever happens. A volatile model (one calling now(), random(), ...) and
// what reads it cannot match: their divergence is given the reason `volatile`, naming the function.
import { randomBytes } from 'node:crypto';
import { PHYSICAL_SCHEMA } from '../objects/env-schema.js';
import type { Cid } from '../objects/ids.js';
import type { CompiledModelObject, RunManifestObject, SourceSnapshotObject } from '../objects/types.js';
import { qualified } from '../run/quote.js';
import { readTypedObject } from '../run/read-typed-object.js';
import { bindInputs } from '../sql/index.js';
import type { Store } from '../store/store.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { RockyError } from '../errors/rocky-error.js';
import { failpoint } from '../util/failpoint.js';

export type Verdict = 'bit_exact' | 'diverged' | 'non_replayable';

export interface ModelVerdict {
  readonly name: string;
  readonly verdict: Verdict;
  readonly recorded_hash: string | null;
  readonly computed_hash: string | null;
  /** Rows only in the recorded output / only in the replay (when the recorded table still exists). */
  readonly only_in_recorded: number | null;
  readonly only_in_replay: number | null;
  readonly reason: string | null;
}

export interface ReplayResult {
  readonly run: Cid;
  readonly verdict: Verdict;
  readonly models: readonly ModelVerdict[];
  readonly warehouse_version: { readonly recorded: string; readonly current: string };
}

/** Scratch schemas of replays that were killed before their cleanup ran. This process holds the
 *  warehouse's lock, so no other replay can be using one: they are garbage, dropped here. */
async function dropLeftoverScratch(warehouse: Warehouse): Promise<void> {
  const rows = await warehouse.query("SELECT schema_name FROM information_schema.schemata WHERE catalog_name = current_database() AND schema_name LIKE '\\_rocky\\_replay\\_%' ESCAPE '\\'");
  for (const r of rows) await warehouse.dropSchema(String(r.schema_name));
}

const WORST: Record<Verdict, number> = { bit_exact: 0, diverged: 1, non_replayable: 2 };

export async function replayRun(o: { store: Store; warehouse: Warehouse; run: Cid; within: readonly string[]; extensions?: readonly string[]; onModel?: (v: ModelVerdict, i: number, n: number) => void }): Promise<ReplayResult> {
  const within = o.within.length ? o.within : undefined;
  const manifest: RunManifestObject = await readTypedObject(o.store, o.run, 'run-manifest', within);
  const current = await o.warehouse.version();
  const scratch = `_rocky_replay_${randomBytes(6).toString('hex')}`;
  // Pinned inputs: each snapshot the run read, and whether its immutable table is still there.
  const snapshots = new Map<string, SourceSnapshotObject>();
  const missing = new Map<string, string>();
  for (const s of manifest.snapshots) {
    const snap = await readTypedObject(o.store, s.snapshot['/'], 'source-snapshot', within);
    snapshots.set(s.snapshot['/'], snap);
    if (!(await o.warehouse.tableExists({ schema: PHYSICAL_SCHEMA, name: snap.table }))) missing.set(s.snapshot['/'], `snapshot table ${PHYSICAL_SCHEMA}.${snap.table} of source ${s.name} is gone`);
  }
  const replayable = manifest.models.filter((m) => m.status === 'built' || m.status === 'reused');
  const verdicts: ModelVerdict[] = [];
  const replayed = new Map<string, string>(); // build key -> scratch table
  const blocked = new Map<string, string>();  // build key -> why it cannot be replayed
  const volatileOf = new Map<string, string>(); // build key -> why its output cannot repeat
  await dropLeftoverScratch(o.warehouse);
  await o.warehouse.ensureSchema(scratch);
  // As the run built them: model SQL reaches nothing but its inputs (run-branch.ts).
  await o.warehouse.lockDown?.(o.extensions ?? []);
  try {
    for (const [i, rec] of replayable.entries()) {
      const compiled: CompiledModelObject = await readTypedObject(o.store, rec.compiled['/'], 'compiled-model', within);
      const tables: Record<string, string> = {};
      let why: string | null = null;
      for (const inp of rec.inputs) {
        if (inp.kind === 'source') {
          const snap = snapshots.get(inp.id);
          if (!snap) why = `the run pinned no snapshot ${inp.id} of source ${inp.name}`;
          else if (missing.has(inp.id)) why = missing.get(inp.id)!;
          else tables[inp.name] = qualified(PHYSICAL_SCHEMA, snap.table);
        } else if (replayed.has(inp.id)) tables[inp.name] = replayed.get(inp.id)!;
        else why = blocked.get(inp.id) ?? `upstream ${inp.name} (build ${inp.id.slice(0, 12)}) is not in the recorded run`;
        if (why) break;
      }
      const upstreamVolatile = rec.inputs.map((inp) => (inp.kind === 'model' ? volatileOf.get(inp.id) : undefined)).find((x) => x !== undefined);
      const volatile = compiled.volatile && compiled.volatile.length > 0
        ? `volatile: ${rec.name} calls ${compiled.volatile.join(', ')}`
        : upstreamVolatile !== undefined ? `volatile: ${rec.name} reads ${upstreamVolatile.replace(/^volatile: /, '')}` : null;
      if (volatile !== null) volatileOf.set(rec.build_key, volatile);
      let v: ModelVerdict;
      if (why) {
        blocked.set(rec.build_key, why);
        v = { name: rec.name, verdict: 'non_replayable', recorded_hash: rec.output_hash, computed_hash: null, only_in_recorded: null, only_in_replay: null, reason: why };
      } else {
        try {
          const out = { schema: scratch, name: rec.name.toLowerCase() };
          const built = await o.warehouse.buildTable(out, bindInputs(compiled.rendered, tables));
          replayed.set(rec.build_key, qualified(scratch, out.name));
          if (built.outputHash === rec.output_hash) {
            v = { name: rec.name, verdict: 'bit_exact', recorded_hash: rec.output_hash, computed_hash: built.outputHash, only_in_recorded: 0, only_in_replay: 0, reason: null };
          } else {
            const recorded = { schema: PHYSICAL_SCHEMA, name: rec.table };
            const diff = (await o.warehouse.tableExists(recorded)) ? await o.warehouse.diffTables(recorded, out) : null;
            v = {
              name: rec.name, verdict: 'diverged', recorded_hash: rec.output_hash, computed_hash: built.outputHash,
              only_in_recorded: diff?.onlyInLeft ?? null, only_in_replay: diff?.onlyInRight ?? null,
              reason: [volatile, diff ? null : `recorded table ${PHYSICAL_SCHEMA}.${rec.table} is gone: only the hashes can be compared`].filter((x) => x !== null).join('; ') || null,
            };
          }
        } catch (e) {
          if (!(e instanceof RockyError)) throw e;
          blocked.set(rec.build_key, `re-execution failed: ${e.message}`);
          v = { name: rec.name, verdict: 'non_replayable', recorded_hash: rec.output_hash, computed_hash: null, only_in_recorded: null, only_in_replay: null, reason: `re-execution failed: ${e.message}` };
        }
      }
      verdicts.push(v);
      o.onModel?.(v, i + 1, replayable.length);
      await failpoint('replay:after-model');
    }
  } finally {
    await o.warehouse.dropSchema(scratch);
  }
  const verdict = verdicts.reduce<Verdict>((w, v) => (WORST[v.verdict] > WORST[w] ? v.verdict : w), 'bit_exact');
  return { run: o.run, verdict, models: verdicts, warehouse_version: { recorded: manifest.warehouse.version, current } };
}
