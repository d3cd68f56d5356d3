// `git rocky branch create|list|show|delete`: branches as env refs plus warehouse schemas.
import { createBranch as create } from '../branch/create-branch.js';
import { deleteBranch as remove } from '../branch/delete-branch.js';
import { NotFoundError } from '../errors/not-found-error.js';
import type { Cid } from '../objects/ids.js';
import { readTypedObject } from '../run/read-typed-object.js';
import { openWorkspace } from './workspace.js';

export async function createBranch(o: { cwd: string; name: string; from?: string | null; onWait?: (m: string) => void }): Promise<{ branch: string; from: string; schema: string; commit: string; models: number }> {
  const ws = await openWorkspace(o.cwd);
  try {
    ws.requireValidConfig();
    const from = o.from ?? 'main';
    const head = await ws.store.headState();
    const r = await create({ store: ws.store, warehouse: await ws.warehouse(o.onWait), config: ws.config, name: o.name, from, actor: await ws.store.actor(), codeCommit: head.commit });
    return { branch: o.name, from, ...r };
  } finally {
    await ws.close();
  }
}

export interface BranchInfo {
  readonly branch: string;
  readonly schema: string;
  readonly commit: string;
  readonly env: Cid;
  readonly models: number;
  readonly last_op: { op: string; actor: string; time: string; summary: string; manifest: Cid | null };
}

export async function listBranches(o: { cwd: string }): Promise<BranchInfo[]> {
  const ws = await openWorkspace(o.cwd);
  try {
    const out: BranchInfo[] = [];
    for (const { branch } of await ws.store.listEnvs()) out.push(await info(ws.store, branch));
    return out.sort((a, b) => (a.branch < b.branch ? -1 : 1));
  } finally {
    await ws.close();
  }
}

async function info(store: Awaited<ReturnType<typeof openWorkspace>>['store'], branch: string): Promise<BranchInfo> {
  const head = await store.envHead(branch);
  if (!head) throw new NotFoundError('environment of branch', branch);
  const env = await readTypedObject(store, head.env, 'env', [head.commit]);
  const [last] = await store.envLog(branch, 1);
  return {
    branch, schema: env.schema, commit: head.commit, env: head.env, models: env.models.length,
    last_op: { op: last.op, actor: last.actor, time: last.time, summary: last.summary, manifest: last.manifest },
  };
}

export async function showBranch(o: { cwd: string; name: string }): Promise<BranchInfo & { base: string | null; model_tables: { name: string; table: string; rows: number | null }[]; last_run: Cid | null }> {
  const ws = await openWorkspace(o.cwd);
  try {
    const i = await info(ws.store, o.name);
    const env = await readTypedObject(ws.store, i.env, 'env', [i.commit]);
    const log = await ws.store.envLog(o.name);
    const created = [...log].reverse().find((e) => e.op === 'branch');
    const base = created ? /from (\S+)/.exec(created.summary)?.[1] ?? null : null;
    return {
      ...i, base,
      model_tables: env.models.map((m) => ({ name: m.name, table: `_rocky.${m.table}`, rows: m.rows })),
      last_run: log.find((e) => e.op === 'run')?.manifest ?? null,
    };
  } finally {
    await ws.close();
  }
}

export async function deleteBranch(o: { cwd: string; name: string; force?: boolean; onWait?: (m: string) => void }): Promise<{ branch: string; schema: string; dropped_tables: string[] }> {
  const ws = await openWorkspace(o.cwd);
  try {
    const r = await remove({ store: ws.store, warehouse: await ws.warehouse(o.onWait), name: o.name, force: o.force });
    return { branch: o.name, schema: r.schema, dropped_tables: r.droppedTables };
  } finally {
    await ws.close();
  }
}
