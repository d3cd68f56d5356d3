// The contract of the object store: rocky objects as git blobs reachable from refs, and
// compare-and-swap ref updates. Implemented by open-store.ts on a real git repository.
import type { FsckBlob, FsckWalkResult } from './fsck-walk.js';
import type { EncodedObject } from '../codec/encode-object.js';
import type { Cid } from '../objects/ids.js';

export interface EnvHead {
  /** The env commit `refs/rocky/envs/<branch>` points at. */
  readonly commit: string;
  readonly env: Cid;
  readonly manifest: Cid | null;
  /** The commit's root tree. */
  readonly tree: string;
}

export interface EnvCommitInput {
  readonly branch: string;
  /** The ref value read at the start of the operation; null means the ref must not exist yet. */
  readonly expected: string | null;
  /** Parent commits; usually [expected] (none for the first), two for a merge. */
  readonly parents: readonly string[];
  /** Tree whose objects the new tree extends; defaults to the first parent's tree. */
  readonly baseTree?: string | null;
  /** Objects the new env and manifest reach that may not be in the base tree yet (dedup is fine). */
  readonly objects: readonly EncodedObject[];
  readonly env: Cid;
  readonly manifest: Cid | null;
  /** First line of the commit message; trailers are appended by the store. */
  readonly summary: string;
  readonly op: string;
  readonly actor: string;
  readonly code: string | null;
  /** ISO time of the operation (the commit's time too). */
  readonly time: string;
}

export interface EnvLogEntry {
  readonly commit: string;
  readonly op: string;
  readonly actor: string;
  readonly time: string;
  readonly code: string | null;
  readonly env: Cid;
  readonly manifest: Cid | null;
  readonly summary: string;
  readonly parents: readonly string[];
}

export interface Store {
  /** Absolute path of the git directory (the common dir for linked worktrees). */
  readonly gitdir: string;
  /** Absolute path of the work tree, or null for a bare repository. */
  readonly workdir: string | null;

  /** Writes git blobs for the objects (idempotent, fsync-free, atomic per object). */
  writeObjects(objects: readonly EncodedObject[]): Promise<void>;
  /** Bytes of an object by CID, looked up in the trees of the given commits (default: every
   *  refs/rocky/* head); null when not found. The bytes are verified against the CID. */
  readObject(cid: Cid, within?: readonly string[]): Promise<Uint8Array | null>;

  envHead(branch: string): Promise<EnvHead | null>;
  listEnvs(): Promise<{ readonly branch: string; readonly commit: string }[]>;
  /** Writes objects, tree and commit, then moves the ref by compare-and-swap; ConflictError
   *  (nothing changed) when the ref is no longer `expected`. Returns the new commit. */
  commitEnv(input: EnvCommitInput): Promise<string>;
  /** Deletes the env ref by compare-and-swap. */
  deleteEnv(branch: string, expected: string): Promise<void>;
  /** Newest first. */
  envLog(branch: string, limit?: number): Promise<EnvLogEntry[]>;
  /** The env head as of a given env commit (for rollback and replay of older runs). */
  readEnvCommit(commit: string): Promise<EnvHead>;

  /** Records the plan compiled from a code commit (under refs/rocky/plans), with its objects. */
  recordPlan(codeCommit: string, plan: Cid, objects: readonly EncodedObject[]): Promise<void>;
  planFor(codeCommit: string): Promise<Cid | null>;

  /** Walks every commit of every refs/rocky/* ref with the git executable: `visit` gets each
   *  distinct (name, blob) pair whose blob reads back with its git id; missing, unreadable or
   *  changed git objects and broken refs come back as problems (fsck-walk.ts). */
  fsckWalk(visit: (blob: FsckBlob) => void): Promise<FsckWalkResult>;

  /** Code side: resolve a revision (branch, tag, sha, HEAD~1) to a commit id; null if unknown. */
  resolveRevision(rev: string): Promise<string | null>;
  /** Files of a commit's tree under a directory prefix ('' for all): repo-relative path -> bytes. */
  readCommitFiles(commit: string, prefix: string): Promise<Map<string, Uint8Array>>;
  /** HEAD's commit id (null on an unborn branch), its branch name (null if detached), and
   *  whether the work tree and index are clean. */
  headState(): Promise<{ readonly commit: string | null; readonly branch: string | null; readonly clean: boolean }>;
  /** Creates a git branch at `at` (default HEAD) if it does not exist; validates the name with git. */
  ensureGitBranch(name: string, at?: string): Promise<void>;
  /** Validates a branch name with git's own rules; returns a reason or null. */
  checkBranchName(name: string): Promise<string | null>;
  actor(): Promise<string>;
}
