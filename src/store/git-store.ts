// The Store of a real git repository: objects as git blobs under fanned-out trees of rocky
// commits, env refs moved by compare-and-swap, and the code-side helpers.
import { cidOfBytes, type EncodedObject } from '../codec/encode-object.js';
import { objectEdits } from './object-edits.js';
import type { Cid } from '../objects/ids.js';
import { CorruptObjectError } from '../errors/corrupt-object-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { UsageError } from '../errors/usage-error.js';
import type { EnvCommitInput, EnvHead, EnvLogEntry, Store } from './store.js';
import type { RepositoryLocation } from './locate-repository.js';
import { GitReader } from './git-reader.js';
import { LooseObjectWriter } from './loose-object-writer.js';
import { TREE_MODE, isTreeMode } from './git-tree.js';
import { updateTree, unionTrees } from './update-tree.js';
import { objectPath, isRockyCid, OBJECTS_DIR } from './fan-out-path.js';
import { buildCommit, buildMessage, gitIdent } from './commit-message.js';
import { envHeadOf, envTrailers, parseEnvCommit } from './env-commit.js';
import { casDelete, casUpdate, listRefs, readRef } from './ref-cas.js';
import { ENVS_PREFIX, assertOid, envRef, isOid } from './env-ref.js';
import { ObjectLocator } from './object-locator.js';
import { planFor, recordPlan } from './plan-record.js';
import * as code from './code-side.js';
import { fsckWalk, type FsckBlob, type FsckWalkResult } from './fsck-walk.js';

export class GitStore implements Store {
  readonly gitdir: string;
  readonly workdir: string | null;
  /** Where git commands run: the work tree, or the git dir when there is none. */
  private readonly cwd: string;
  private readonly reader: GitReader;
  private readonly writer: LooseObjectWriter;
  private readonly locator: ObjectLocator;

  constructor(location: RepositoryLocation) {
    this.gitdir = location.gitdir;
    this.workdir = location.workdir;
    this.cwd = location.workdir ?? location.worktreeGitdir;
    this.reader = new GitReader(location.gitdir);
    this.writer = new LooseObjectWriter(location.gitdir);
    this.locator = new ObjectLocator(this.reader, this.cwd);
  }

  /** Loose objects created by this instance so far (tests and benchmarks count them). */
  get objectsWritten(): number {
    return this.writer.written;
  }

  async writeObjects(objects: readonly EncodedObject[]): Promise<void> {
    for (const edit of objectEdits(objects)) this.writer.add('blob', edit.blob!);
    await this.writer.flush();
  }

  async readObject(cid: Cid, within?: readonly string[]): Promise<Uint8Array | null> {
    const blob = await this.locator.locate(cid, within);
    if (blob === null) return null;
    let bytes: Uint8Array;
    try {
      bytes = await this.reader.readBlob(blob);
    } catch (e) {
      if (!(e instanceof CorruptObjectError)) throw e;
      this.locator.forget(cid);
      throw new CorruptObjectError(cid, `git blob ${blob}: ${String(e.data.reason)}`);
    }
    const actual = cidOfBytes(bytes);
    if (actual !== cid) {
      this.locator.forget(cid);
      throw new CorruptObjectError(cid, `stored bytes (git blob ${blob}) hash to ${actual}`);
    }
    return bytes;
  }

  async envHead(branch: string): Promise<EnvHead | null> {
    const commit = await readRef(this.cwd, envRef(branch));
    return commit === null ? null : this.readEnvCommit(commit);
  }

  async listEnvs(): Promise<{ readonly branch: string; readonly commit: string }[]> {
    const refs = await listRefs(this.cwd, ENVS_PREFIX);
    return refs.map((r) => ({ branch: r.ref.slice(ENVS_PREFIX.length), commit: r.oid }));
  }

  async readEnvCommit(commit: string): Promise<EnvHead> {
    const oid = isOid(commit) ? commit : await code.resolveRevision(this.cwd, commit);
    if (oid === null) throw new NotFoundError('env commit', commit);
    const info = await this.reader.readCommit(oid);
    const entry = parseEnvCommit(info);
    if (!entry) throw new NotFoundError('env commit', commit, 'the commit has no Rocky-Env trailer');
    return envHeadOf(entry, info.tree);
  }

  async commitEnv(input: EnvCommitInput): Promise<string> {
    const ref = envRef(input.branch);
    if (input.expected !== null) assertOid(input.expected, 'expected');
    for (const p of input.parents) assertOid(p, 'parent');
    for (const cid of [input.env, input.manifest]) {
      if (cid !== null && !isRockyCid(cid)) throw new UsageError(`not a rocky object id: ${JSON.stringify(cid)}`);
    }
    const ident = gitIdent(input.actor, input.time);
    const message = buildMessage(input.summary, envTrailers(input));

    const parentTrees = await Promise.all(input.parents.map(async (p) => (await this.reader.readCommit(p)).tree));
    const base = input.baseTree !== undefined ? input.baseTree : (parentTrees[0] ?? null);
    // Every parent's objects stay reachable from the new tree (merges, rollbacks to an old base),
    // so the tree of a branch head carries all objects of its history.
    let objectsTree = await this.subtree(base, OBJECTS_DIR);
    for (const tree of parentTrees) {
      if (tree !== base) objectsTree = await unionTrees(this.reader, this.writer, objectsTree, await this.subtree(tree, OBJECTS_DIR));
      // Queued objects are not readable until written; the next step reads this tree.
      await this.writer.flush();
    }
    const edits = objectEdits(input.objects).map((e) => ({ ...e, path: e.path.slice(1) }));
    const newObjects = await updateTree(this.reader, this.writer, objectsTree, edits);
    await this.writer.flush();
    for (const cid of [input.env, input.manifest]) {
      if (cid !== null && !(await this.reader.lookupPath(newObjects, objectPath(cid).slice(1)))) {
        throw new NotFoundError('object', cid, 'an env commit must carry its env and manifest: pass them in `objects`');
      }
    }
    const root = await updateTree(this.reader, this.writer, base, [{ path: [OBJECTS_DIR], mode: TREE_MODE, oid: newObjects }]);
    const commit = this.writer.add('commit', buildCommit(root, input.parents, ident, message));
    // Every object is on disk before the ref can point at it.
    await this.writer.flush();
    try {
      await casUpdate(this.cwd, ref, commit, input.expected, `rocky ${input.op.replace(/\s+/g, ' ')}: ${input.summary.split('\n')[0]}`);
    } finally {
      this.locator.refsChanged();
    }
    return commit;
  }

  async deleteEnv(branch: string, expected: string): Promise<void> {
    const ref = envRef(branch);
    assertOid(expected, 'expected');
    try {
      await casDelete(this.cwd, ref, expected);
    } finally {
      this.locator.refsChanged();
    }
  }

  async envLog(branch: string, limit = Number.POSITIVE_INFINITY): Promise<EnvLogEntry[]> {
    const out: EnvLogEntry[] = [];
    // First-parent order: the states this branch's env was in (a merge's other parent is
    // the merged branch's history, visible through the entry's `parents`).
    let next = await readRef(this.cwd, envRef(branch));
    while (next !== null && out.length < limit) {
      const info = await this.reader.readCommit(next);
      const entry = parseEnvCommit(info);
      if (entry) out.push(entry);
      next = info.parents[0] ?? null;
    }
    return out;
  }

  async recordPlan(codeCommit: string, plan: Cid, objects: readonly EncodedObject[]): Promise<void> {
    await recordPlan(
      { reader: this.reader, writer: this.writer, cwd: this.cwd, actor: () => this.actor() },
      // Checked by recordPlan once it knows which objects are new: most were stored (and checked)
      // with an earlier commit's plan.
      codeCommit, plan, objectEdits(objects, { verify: false }),
    );
    this.locator.refsChanged();
  }

  async planFor(codeCommit: string): Promise<Cid | null> {
    const oid = isOid(codeCommit) ? codeCommit : await code.resolveRevision(this.cwd, codeCommit);
    return oid === null ? null : planFor(this.cwd, oid);
  }

  fsckWalk(visit: (blob: FsckBlob) => void): Promise<FsckWalkResult> {
    return fsckWalk(this.cwd, this.gitdir, visit);
  }

  resolveRevision(rev: string): Promise<string | null> {
    return code.resolveRevision(this.cwd, rev);
  }

  readCommitFiles(commit: string, prefix: string): Promise<Map<string, Uint8Array>> {
    return code.readCommitFiles(this.cwd, commit, prefix);
  }

  headState(): Promise<{ readonly commit: string | null; readonly branch: string | null; readonly clean: boolean }> {
    return code.headState(this.cwd, this.workdir);
  }

  ensureGitBranch(name: string, at?: string): Promise<void> {
    return code.ensureGitBranch(this.cwd, name, at);
  }

  checkBranchName(name: string): Promise<string | null> {
    return code.checkBranchName(this.cwd, name);
  }

  actor(): Promise<string> {
    return code.actor(this.cwd);
  }

  private async subtree(tree: string | null, name: string): Promise<string | null> {
    if (tree === null) return null;
    const entry = (await this.reader.readTree(tree)).get(name);
    return entry && isTreeMode(entry.mode) ? entry.oid : null;
  }
}
