// refs/rocky/plans: a commit chain whose tree maps each code commit to the plan compiled from
// it (commits/<sha[0:2]>/<sha[2:]> -> a blob with the plan CID) and carries the plans' objects.
import type { Cid } from '../objects/ids.js';
import { ConflictError } from '../errors/conflict-error.js';
import { CorruptObjectError } from '../errors/corrupt-object-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { UsageError } from '../errors/usage-error.js';
import type { GitReader } from './git-reader.js';
import type { LooseObjectWriter } from './loose-object-writer.js';
import { gitObjectId } from './loose-object-writer.js';
import { BLOB_MODE } from './git-tree.js';
import { updateTree, type TreeEdit } from './update-tree.js';
import { OBJECTS_DIR, isRockyCid, objectPath } from './fan-out-path.js';
import { buildCommit, buildMessage, gitIdent } from './commit-message.js';
import { casUpdate, readRef } from './ref-cas.js';
import { PLANS_REF, assertOid } from './env-ref.js';
import { runGit } from './run-git.js';
import { verifyObjectEdits } from './object-edits.js';

export interface PlanStoreContext {
  readonly reader: GitReader;
  readonly writer: LooseObjectWriter;
  readonly cwd: string;
  readonly actor: () => Promise<string>;
}

// recordPlan owns no `expected` value from its caller: the plans ref is an append-only index,
// so a lost race is simply retried on the new head. Losers wait a random few milliseconds first,
// growing with each attempt, so that processes that raced once do not race again in lockstep.
const ATTEMPTS = 16;

function planPath(codeCommit: string): string[] {
  return ['commits', codeCommit.slice(0, 2), codeCommit.slice(2)];
}

export async function recordPlan(ctx: PlanStoreContext, codeCommit: string, plan: Cid, objectEdits: readonly TreeEdit[]): Promise<void> {
  assertOid(codeCommit, 'code commit');
  if (!isRockyCid(plan)) throw new UsageError(`not a rocky object id: ${JSON.stringify(plan)}`);
  const pointer = Buffer.from(`${plan}\n`, 'utf8');
  const edits: TreeEdit[] = [...objectEdits, { path: planPath(codeCommit), mode: BLOB_MODE, oid: gitObjectId('blob', pointer), blob: pointer }];
  const actor = await ctx.actor();
  for (let attempt = 1; ; attempt++) {
    const expected = await readRef(ctx.cwd, PLANS_REF);
    const base = expected === null ? null : (await ctx.reader.readCommit(expected)).tree;
    const pending = base === null ? edits : await notYetStored(ctx.cwd, base, edits);
    verifyObjectEdits(pending);
    const root = await updateTree(ctx.reader, ctx.writer, base, pending);
    if (root === base) return; // already recorded, with all its objects
    await ctx.writer.flush();
    if (!(await ctx.reader.lookupPath(root, objectPath(plan)))) {
      throw new NotFoundError('object', plan, 'recordPlan must be given the plan object or find it recorded already');
    }
    const time = new Date().toISOString();
    const message = buildMessage(`Record plan for ${codeCommit.slice(0, 12)}`, [
      ['Rocky-Op', 'record-plan'], ['Rocky-Actor', actor], ['Rocky-Code', codeCommit], ['Rocky-Plan', plan], ['Rocky-Time', time],
    ]);
    const commit = ctx.writer.add('commit', buildCommit(root, expected === null ? [] : [expected], gitIdent(actor, time), message));
    await ctx.writer.flush(); // before the ref can point at it
    try {
      await casUpdate(ctx.cwd, PLANS_REF, commit, expected, `rocky record-plan: ${codeCommit}`);
      return;
    } catch (e) {
      if (!(e instanceof ConflictError) || attempt >= ATTEMPTS) throw e;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
  }
}

/** The edits whose object the plans tree does not hold yet. Consecutive commits' plans share
 *  nearly all their objects: one `git ls-tree` of the stored objects spares walking the fan-out
 *  trees in-process to find the few that are new (measured at 23,000 objects: recording went from
 *  ~1.7 s to ~0.6 s, most of what remains being the hashing of every object's bytes). */
async function notYetStored(cwd: string, base: string, edits: readonly TreeEdit[]): Promise<TreeEdit[]> {
  const listed = await runGit(cwd, ['ls-tree', '-r', '-z', '--full-tree', base, '--', OBJECTS_DIR]);
  if (listed.code !== 0) return [...edits]; // updateTree finds them the slow way
  const stored = new Map<string, string>();
  for (const rec of listed.stdout.split('\0')) {
    const tab = rec.indexOf('\t');
    if (tab < 0) continue;
    // `<mode> <type> <oid>\t<path>`
    stored.set(rec.slice(tab + 1), rec.slice(rec.lastIndexOf(' ', tab) + 1, tab));
  }
  return edits.filter((e) => stored.get(e.path.join('/')) !== e.oid);
}

export async function planFor(cwd: string, codeCommit: string): Promise<Cid | null> {
  const head = await readRef(cwd, PLANS_REF);
  if (head === null) return null;
  // One git process rather than reading through isomorphic-git, which loads the whole index of
  // the pack the plan's objects went into (~30 ms for a 10,000-model plan, measured) to read a
  // 60-byte pointer.
  const r = await runGit(cwd, ['cat-file', '--batch'], `${head}:${planPath(codeCommit).join('/')}\n`);
  if (r.code !== 0) throw new Error(`git cat-file failed (exit ${r.code}): ${r.stderr.trim()}`);
  const nl = r.stdout.indexOf('\n');
  const header = r.stdout.slice(0, nl).split(' ');
  if (header[header.length - 1] === 'missing') return null;
  if (header[1] !== 'blob') throw new CorruptObjectError(`plan pointer for ${codeCommit}`, `${PLANS_REF} holds a ${header[1]} there, not a blob`);
  const text = r.stdout.slice(nl + 1, nl + 1 + Number(header[2])).trim();
  if (!isRockyCid(text)) throw new CorruptObjectError(`plan pointer for ${codeCommit}`, `${PLANS_REF} holds ${JSON.stringify(text)}, not a CID`);
  return text;
}
