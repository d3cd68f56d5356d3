// Runs a compiled plan on one branch's environment: snapshots the sources it reads, builds only
// the models whose build key has no physical table yet (volatile models and forced rebuilds take
// a fresh key every run, see build-key.ts), records a run manifest, and moves the
// environment (views + env ref) in one step. The env ref moves by compare-and-swap against the
// value read at the start, inside the view transaction, so a lost race changes nothing.
import { randomBytes } from 'node:crypto';
import { encodeObject, type EncodedObject } from '../codec/encode-object.js';
import { RockyError } from '../errors/rocky-error.js';
import { envSchema, PHYSICAL_SCHEMA } from '../objects/env-schema.js';
import { link, type Cid } from '../objects/ids.js';
import type { BuildInput, Column, EnvModel, EnvObject, ModelRunRecord, RunManifestObject } from '../objects/types.js';
import type { CompiledPlan } from '../plan/types.js';
import type { ProjectConfig } from '../project/types.js';
import { bindInputs } from '../sql/index.js';
import type { EnvHead, Store } from '../store/store.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { buildKey, physicalTableName } from './build-key.js';
import { commitEnvChange } from './commit-env-change.js';
import { qualified } from './quote.js';
import { readTypedObject } from './read-typed-object.js';
import { selectModels } from './select-models.js';
import { snapshotSource, type Snapshot } from './snapshot-sources.js';
import { failpoint } from '../util/failpoint.js';
import { locateBuildError, modelSource, relabelErrorLine } from './locate-build-error.js';
import { schemaDrift, type SchemaDriftWarning } from './schema-drift.js';

export interface RunProgress {
  readonly index: number;
  readonly total: number;
  readonly name: string;
  readonly status: ModelRunRecord['status'];
  readonly ms: number;
  readonly error: string | null;
}

export interface RunBranchOptions {
  readonly store: Store;
  readonly warehouse: Warehouse;
  readonly compiled: CompiledPlan;
  readonly config: ProjectConfig;
  /** Absolute project root: source files are read relative to it. */
  readonly root: string;
  readonly branch: string;
  readonly select: readonly string[] | null;
  /** Models to build even when a build of the same key exists (`model+` adds downstream); they
   *  join the selection. */
  readonly rebuild?: readonly string[] | null;
  readonly actor: string;
  readonly codeCommit: string | null;
  readonly onProgress?: (p: RunProgress) => void;
  /** The environment as read at the start of the operation (before waiting for the warehouse);
   *  the env ref is compared against it. Read now when absent. */
  readonly start?: BaseEnvironment;
}

export interface BaseEnvironment {
  readonly head: EnvHead | null;
  readonly from: EnvHead | null;
  readonly env: EnvObject;
}

export interface RunBranchResult {
  readonly manifestCid: Cid;
  readonly manifest: RunManifestObject;
  readonly commit: string;
  readonly envCid: Cid;
  /** Built tables whose columns differ from the compiled ones (schema-drift.ts). */
  readonly warnings: readonly SchemaDriftWarning[];
}

/** The env a branch starts from: its own, else (a new branch) main's, else empty. */
export async function baseEnvironment(store: Store, branch: string): Promise<BaseEnvironment> {
  const head = await store.envHead(branch);
  const from = head ?? (branch !== 'main' ? await store.envHead('main') : null);
  const env: EnvObject = from
    ? { ...(await readTypedObject(store, from.env, 'env', [from.commit])), branch, schema: envSchema(branch) }
    : { kind: 'env', version: 1, branch, schema: envSchema(branch), models: [], snapshots: [] };
  return { head, from, env };
}

export async function runBranch(o: RunBranchOptions): Promise<RunBranchResult> {
  const startedAt = new Date().toISOString();
  const { store, warehouse, compiled } = o;
  const { head, from, env: base } = o.start ?? await baseEnvironment(store, o.branch);
  const baseByName = new Map(base.models.map((m) => [m.name, m]));
  const baseByKey = new Map(base.models.map((m) => [m.build_key, m]));
  await warehouse.ensureSchema(PHYSICAL_SCHEMA);
  // One listing instead of a probe per model: this process holds the warehouse's write lock, so
  // the set stays true for the run (builds are added as they happen).
  const existing = new Set((await warehouse.listTables(PHYSICAL_SCHEMA)).map((t) => t.toLowerCase()));

  // What runs: the selection, plus any upstream that this environment has never built.
  const rebuild = o.rebuild && o.rebuild.length > 0 ? selectModels(compiled, o.rebuild) : new Set<string>();
  const selected = o.select === null ? selectModels(compiled, null) : new Set([...selectModels(compiled, o.select), ...rebuild]);
  // One nonce per run: a forced or volatile build's key never matches an earlier one.
  const nonce = randomBytes(16).toString('hex');
  const toRun = new Set<string>();
  const need = (name: string): void => {
    if (toRun.has(name)) return;
    toRun.add(name);
    for (const inp of compiled.models.get(name)?.object.inputs ?? []) if (inp.kind === 'model' && !baseByName.has(inp.name)) need(inp.name);
  };
  for (const name of compiled.plan.order) if (selected.has(name)) need(name);
  const order = compiled.plan.order.filter((n) => toRun.has(n));

  // Names the user's own objects hold in this environment's schema (a table, or a view that is
  // not one of ours): a model of that name would replace it or fail at the very end. Checked
  // before anything is built; the run is recorded as failed and changes nothing.
  const clash = await userObjectClashes(warehouse, base.schema, [...compiled.models.keys()], baseByName);

  // Snapshot every source the models to run read.
  const snapshots = new Map<string, Snapshot>();
  for (const name of order) for (const inp of compiled.models.get(name)!.object.inputs) {
    if (inp.kind !== 'source' || snapshots.has(inp.name)) continue;
    snapshots.set(inp.name, await snapshotSource(warehouse, o.root, compiled.sources.get(inp.name)!));
  }

  // Model SQL reaches nothing but its inputs: no files, no network, no extension fetched on
  // demand (the sources it reads are snapshotted above, by the tool).
  await warehouse.lockDown?.(o.config.extensions);

  const records: ModelRunRecord[] = [];
  const warnings: SchemaDriftWarning[] = [];
  const done = new Map<string, EnvModel>();
  const failed = new Set<string>();
  for (const [i, name] of order.entries()) {
    const entry = compiled.models.get(name)!;
    const t0 = performance.now();
    const tables: Record<string, string> = {};
    const inputs: BuildInput[] = [];
    let blockedBy: string | null = null;
    for (const inp of entry.object.inputs) {
      if (inp.kind === 'source') {
        const s = snapshots.get(inp.name)!;
        tables[inp.name] = qualified(PHYSICAL_SCHEMA, s.object.table);
        inputs.push({ name: inp.name, kind: 'source', id: s.cid });
      } else {
        const up = done.get(inp.name) ?? (toRun.has(inp.name) ? undefined : baseByName.get(inp.name));
        if (!up) { blockedBy = inp.name; break; }
        tables[inp.name] = qualified(PHYSICAL_SCHEMA, up.table);
        inputs.push({ name: inp.name, kind: 'model', id: up.build_key });
      }
    }
    const forced = rebuild.has(name) || (entry.object.volatile?.length ?? 0) > 0;
    const key = buildKey(entry.cid, inputs, forced ? nonce : null);
    const table = physicalTableName(name, key);
    let record: ModelRunRecord;
    const base = { name, compiled: link(entry.cid), inputs: [...inputs].sort((a, b) => (a.name < b.name ? -1 : 1)), build_key: key, table };
    const taken = clash.get(name.toLowerCase());
    if (taken !== undefined) {
      const file = modelSource(compiled, entry)?.path ?? name;
      record = { ...base, status: 'failed', rows: null, output_hash: null, ms: 0, error: `model ${name} (${file}) has the name of ${taken}, which is not git rocky's (the environment's views would replace it): rename the model or move that object to another schema; nothing was changed` };
    } else if (clash.size > 0 && !existing.has(table.toLowerCase())) {
      record = { ...base, status: 'skipped', rows: null, output_hash: null, ms: 0, error: `not built: ${[...clash.values()].join(', ')} collides with a model` };
    } else if (blockedBy !== null) {
      record = { ...base, status: 'skipped', rows: null, output_hash: null, ms: 0, error: `upstream ${blockedBy} did not build` };
    } else if (existing.has(table.toLowerCase())) {
      const known = baseByKey.get(key);
      const h = known?.output_hash && known.rows !== null ? { rows: known.rows, outputHash: known.output_hash } : await warehouse.hashTable({ schema: PHYSICAL_SCHEMA, name: table });
      record = { ...base, status: 'reused', rows: h.rows, output_hash: h.outputHash, ms: Math.round(performance.now() - t0), error: null };
    } else {
      const select = bindInputs(entry.object.rendered, tables);
      try {
        const built = await warehouse.buildTable({ schema: PHYSICAL_SCHEMA, name: table }, select);
        const drift = schemaDrift(name, entry.columns, built.columns);
        if (drift.length > 0) {
          // A name the compiler already warned is only DuckDB's rendering of an expression
          // (SQL_UNNAMED_COLUMN) may differ; a type may not.
          const file = modelSource(compiled, entry)?.path;
          const approximate = compiled.diagnostics.some((d) => d.code === 'SQL_UNNAMED_COLUMN' && d.file === file);
          warnings.push(...drift.filter((w) => !(approximate && w.compiled === w.built)));
        }
        existing.add(table.toLowerCase());
        record = { ...base, status: 'built', rows: built.rows, output_hash: built.outputHash, ms: Math.round(performance.now() - t0), error: null };
      } catch (e) {
        if (!(e instanceof RockyError)) throw e;
        const at = locateBuildError(compiled, entry, select, e.data);
        const where = at ? `${at.file}${at.line !== null ? `:${at.line}:${at.column}` : ''}: ` : '';
        const message = at?.line != null ? relabelErrorLine(e.message, at.line) : e.message;
        record = { ...base, status: 'failed', rows: null, output_hash: null, ms: Math.round(performance.now() - t0), error: where + message };
      }
    }
    if (record.status === 'built' || record.status === 'reused') {
      done.set(name, { name, compiled: record.compiled, build_key: key, inputs: record.inputs, table, output_hash: record.output_hash, rows: record.rows });
    } else failed.add(name);
    records.push(record);
    if (record.status === 'built') await failpoint('run:after-build');
    o.onProgress?.({ index: i + 1, total: order.length, name, status: record.status, ms: record.ms, error: record.error });
  }

  // A selective run reads models it does not run: record them (as reused, with what they were
  // built from) so the manifest holds the whole closure and replay can rebuild it.
  const carried: ModelRunRecord[] = [];
  const seen = new Set(records.map((r) => r.name));
  const stack = records.flatMap((r) => r.inputs.filter((i) => i.kind === 'model').map((i) => i.name));
  while (stack.length) {
    const name = stack.pop() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    const m = baseByName.get(name);
    if (!m) continue;
    carried.push({ name, compiled: m.compiled, inputs: m.inputs, build_key: m.build_key, table: m.table, status: 'reused', rows: m.rows, output_hash: m.output_hash, ms: 0, error: null });
    stack.push(...m.inputs.filter((i) => i.kind === 'model').map((i) => i.name));
  }
  const position = new Map(compiled.plan.order.map((n, i) => [n, i]));
  const allRecords = [...carried, ...records].sort((a, b) => (position.get(a.name) ?? -1) - (position.get(b.name) ?? -1));

  const status = failed.size ? 'failed' : 'success';
  const snapshotLinks = new Map(base.snapshots.map((s) => [s.name, s]));
  for (const [name, s] of snapshots) snapshotLinks.set(name, { name, snapshot: link(s.cid) });
  const sortedSnapshots = [...snapshotLinks.values()].filter((s) => compiled.sources.has(s.name)).sort((a, b) => (a.name < b.name ? -1 : 1));
  const manifest: RunManifestObject = {
    kind: 'run-manifest', version: 1, op: 'run', branch: o.branch, code_commit: o.codeCommit, plan: link(compiled.planCid),
    actor: o.actor, started_at: startedAt, ended_at: new Date().toISOString(), status,
    warehouse: { type: 'duckdb', version: await warehouse.version() }, hash_scheme: warehouse.hashScheme,
    snapshots: snapshotsRead(allRecords),
    models: allRecords,
  };

  // The new environment: on failure exactly the old one; on success every model of the plan
  // that is built, plus unselected models kept as they were. Models gone from the plan leave.
  let env: EnvObject = base;
  if (status === 'success') {
    const models: EnvModel[] = [];
    for (const name of [...compiled.models.keys()].sort()) {
      const m = done.get(name) ?? baseByName.get(name);
      if (m) models.push(m);
    }
    env = { ...base, models, snapshots: sortedSnapshots };
  }
  const built = records.filter((r) => r.status === 'built').length;
  const reused = records.filter((r) => r.status === 'reused').length;
  const summary = status === 'success'
    ? `run on ${o.branch}: ${built} built, ${reused} reused`
    : `run on ${o.branch} FAILED: ${records.filter((r) => r.status === 'failed').map((r) => r.name).join(', ')} failed, ${records.filter((r) => r.status === 'skipped').length} skipped`;
  const extra: EncodedObject[] = [...compiled.objects, ...[...snapshots.values()].map((s) => s.encoded)];
  const manifestEnc = encodeObject(manifest);
  const { commit, envCid } = await commitEnvChange({
    store, warehouse, head, from, env, manifest: manifestEnc, objects: extra, op: 'run', summary,
    actor: o.actor, code: o.codeCommit, config: o.config, updateViews: status === 'success',
    columnsOf: (m) => columnsOf(compiled, m),
  });
  return { manifestCid: manifestEnc.cid, manifest, commit, envCid, warnings };
}

function columnsOf(compiled: CompiledPlan, m: EnvModel): readonly Column[] | null {
  const entry = compiled.models.get(m.name);
  return entry && entry.cid === m.compiled['/'] ? entry.object.columns : null;
}

/** Every snapshot the recorded builds read, once each, sorted by name then CID. */
function snapshotsRead(records: readonly ModelRunRecord[]): { name: string; snapshot: { '/': Cid } }[] {
  const byId = new Map<string, string>();
  for (const r of records) for (const i of r.inputs) if (i.kind === 'source') byId.set(i.id, i.name);
  return [...byId].map(([id, name]) => ({ name, snapshot: link(id as Cid) }))
    .sort((a, b) => (a.name === b.name ? (a.snapshot['/'] < b.snapshot['/'] ? -1 : 1) : a.name < b.name ? -1 : 1));
}

/** Model names (lower case) taken in `schema` by an object the user keeps there: every table
 *  (git rocky makes only views in an environment's schema) and every view that is not one of
 *  this environment's models. Each maps to how the object is named in messages. */
async function userObjectClashes(warehouse: Warehouse, schema: string, models: readonly string[], ours: ReadonlyMap<string, unknown>): Promise<Map<string, string>> {
  const names = new Set(models.map((m) => m.toLowerCase()));
  const oursLower = new Set([...ours.keys()].map((m) => m.toLowerCase()));
  const out = new Map<string, string>();
  for (const t of await warehouse.listTables(schema)) if (names.has(t.toLowerCase())) out.set(t.toLowerCase(), `the table ${schema}.${t}`);
  for (const v of await warehouse.listViews(schema)) if (names.has(v.toLowerCase()) && !oursLower.has(v.toLowerCase())) out.set(v.toLowerCase(), `the view ${schema}.${v}`);
  return out;
}
