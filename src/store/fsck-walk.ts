// The git side of `git rocky fsck`: every commit reachable from every refs/rocky/* ref (each
// commit's own tree, not only the tips': an older commit may file a blob that a later one
// replaced), every distinct git object read once and re-hashed against its git id. Problems are
// collected with the ref, commit and path where they were found, never thrown: a missing or
// unreadable object is one finding among all the others.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CatFileBatch, type BatchAnswer } from './cat-file-batch.js';
import { gitObjectId, type GitObjectType } from './loose-object-writer.js';
import { isTreeMode } from './git-tree.js';
import { ROCKY_PREFIX } from './env-ref.js';
import { runGit } from './run-git.js';

export interface FsckWhere {
  readonly ref: string;
  /** The commit whose tree holds the object (the oldest one walked first): null for a ref problem. */
  readonly commit: string | null;
  /** Path of the object in that commit's tree ('' for the root tree or the commit itself). */
  readonly path: string | null;
  /** The git object id concerned, null when the ref itself names no object. */
  readonly git_object: string | null;
}

export interface FsckGitProblem extends FsckWhere {
  readonly problem: string;
}

export interface FsckBlob extends FsckWhere {
  readonly path: string;
  readonly git_object: string;
  /** The entry's name in its tree (a CID under objects/). */
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface FsckWalkResult {
  readonly refs: number;
  readonly commits: number;
  readonly problems: readonly FsckGitProblem[];
}

interface ParsedEntry {
  readonly mode: string;
  readonly name: string;
  readonly oid: string;
}

function parseTree(bytes: Buffer): ParsedEntry[] {
  const out: ParsedEntry[] = [];
  let i = 0;
  while (i < bytes.length) {
    const space = bytes.indexOf(32, i);
    const nul = bytes.indexOf(0, space + 1);
    if (space < 0 || nul < 0 || nul + 21 > bytes.length) throw new Error('malformed tree entry');
    out.push({ mode: bytes.subarray(i, space).toString('utf8'), name: bytes.subarray(space + 1, nul).toString('utf8'), oid: bytes.subarray(nul + 1, nul + 21).toString('hex') });
    i = nul + 21;
  }
  return out;
}

function parseCommit(bytes: Buffer): { tree: string; parents: string[] } {
  const head = bytes.toString('utf8').split('\n\n', 1)[0];
  let tree: string | null = null;
  const parents: string[] = [];
  for (const line of head.split('\n')) {
    if (line.startsWith('tree ')) tree = line.slice(5);
    else if (line.startsWith('parent ')) parents.push(line.slice(7));
  }
  if (tree === null || !/^[0-9a-f]{40}$/.test(tree)) throw new Error('the commit names no tree');
  return { tree, parents };
}

/** Refs under refs/rocky/, and the ones git itself ignores because they hold no object id. */
async function rockyRefs(cwd: string): Promise<{ refs: { ref: string; oid: string }[]; broken: string[] }> {
  const r = await runGit(cwd, ['for-each-ref', '--format=%(objectname) %(refname)', ROCKY_PREFIX]);
  if (r.code !== 0) throw new Error(`git for-each-ref failed (exit ${r.code}): ${r.stderr.trim()}`);
  const refs = r.stdout.split('\n').filter(Boolean).map((line) => {
    const space = line.indexOf(' ');
    return { oid: line.slice(0, space), ref: line.slice(space + 1) };
  });
  // git skips a ref whose content is not an object id and says so (stable text: LC_ALL=C).
  const broken = [...r.stderr.matchAll(/ignoring broken ref (\S+)/g)].map((m) => m[1]);
  return { refs: refs.sort((a, b) => (a.ref < b.ref ? -1 : 1)), broken: [...new Set(broken)].sort() };
}

function describe(answer: BatchAnswer, what: string): string | null {
  if (answer.status === 'missing') return `${what} is missing from the object database`;
  if (answer.status === 'unreadable') return `${what} cannot be read (${answer.reason || 'git could not inflate it'})`;
  return null;
}

/** Walks refs/rocky/*, calling `visit` once per distinct (name, blob) pair whose blob reads back
 *  with its git id; everything else wrong is in the result's problems. */
export async function fsckWalk(cwd: string, gitdir: string, visit: (blob: FsckBlob) => void): Promise<FsckWalkResult> {
  const problems: FsckGitProblem[] = [];
  const batch = new CatFileBatch(cwd);
  const seenCommits = new Set<string>();
  const seenTrees = new Set<string>();
  const seenPairs = new Set<string>();
  // A blob found bad is reported once, wherever else it is filed.
  const badBlobs = new Set<string>();

  async function readChecked(oid: string, type: GitObjectType, where: FsckWhere, what: string): Promise<Buffer | null> {
    let answer = await batch.read(oid);
    // git answers `missing` when a loose file's header cannot be inflated: the file is there.
    if (answer.status === 'missing' && existsSync(join(gitdir, 'objects', oid.slice(0, 2), oid.slice(2)))) {
      const r = await runGit(cwd, ['cat-file', '-t', oid]);
      answer = { status: 'unreadable', reason: `loose object file objects/${oid.slice(0, 2)}/${oid.slice(2)}: ${r.stderr.trim().split('\n')[0] || 'cannot be inflated'}` };
    }
    const problem = describe(answer, what);
    if (problem !== null) {
      problems.push({ ...where, problem });
      return null;
    }
    if (answer.status !== 'ok') return null;
    if (answer.type !== type) {
      problems.push({ ...where, problem: `${what} is a ${answer.type}, not a ${type}` });
      return null;
    }
    const actual = gitObjectId(type, answer.bytes);
    if (actual !== oid) {
      problems.push({ ...where, problem: `${what}: its stored bytes hash to ${actual}, not to its id (the object file was changed)` });
      return null;
    }
    return answer.bytes;
  }

  async function walkTree(ref: string, commit: string, tree: string, path: string): Promise<void> {
    if (seenTrees.has(tree)) return;
    seenTrees.add(tree);
    const where = { ref, commit, path, git_object: tree };
    const bytes = await readChecked(tree, 'tree', where, `tree ${tree}`);
    if (bytes === null) return;
    let entries: ParsedEntry[];
    try {
      entries = parseTree(bytes);
    } catch (e) {
      problems.push({ ...where, problem: `tree ${tree}: ${(e as Error).message}` });
      return;
    }
    await Promise.all(entries.map(async (e) => {
      const at = path === '' ? e.name : `${path}/${e.name}`;
      if (isTreeMode(e.mode)) return walkTree(ref, commit, e.oid, at);
      // A gitlink names a commit of another repository: nothing here to read.
      if (e.mode === '160000') return;
      const pair = `${e.name} ${e.oid}`;
      if (seenPairs.has(pair) || badBlobs.has(e.oid)) return;
      seenPairs.add(pair);
      const blob = await readChecked(e.oid, 'blob', { ref, commit, path: at, git_object: e.oid }, `blob ${e.oid}`);
      if (blob === null) {
        badBlobs.add(e.oid);
        return;
      }
      visit({ ref, commit, path: at, git_object: e.oid, name: e.name, bytes: new Uint8Array(blob.buffer, blob.byteOffset, blob.byteLength) });
    }));
  }

  try {
    const { refs, broken } = await rockyRefs(cwd);
    for (const ref of broken) problems.push({ ref, commit: null, path: null, git_object: null, problem: 'the ref does not hold an object id (git ignores it as a broken ref)' });
    for (const { ref, oid } of refs) {
      // Newest first from the tip, then walked oldest first: an object is reported with the
      // commit that brought it in.
      const commits: { commit: string; tree: string }[] = [];
      const stack = [oid];
      while (stack.length > 0) {
        const commit = stack.pop()!;
        if (seenCommits.has(commit)) continue;
        seenCommits.add(commit);
        const where = { ref, commit, path: '', git_object: commit };
        const bytes = await readChecked(commit, 'commit', where, commit === oid ? `commit ${commit} (the ref's target)` : `commit ${commit}`);
        if (bytes === null) continue;
        try {
          const info = parseCommit(bytes);
          commits.push({ commit, tree: info.tree });
          stack.push(...info.parents);
        } catch (e) {
          problems.push({ ...where, problem: `commit ${commit}: ${(e as Error).message}` });
        }
      }
      for (const { commit, tree } of commits.reverse()) await walkTree(ref, commit, tree, '');
    }
    return { refs: refs.length + broken.length, commits: seenCommits.size, problems };
  } finally {
    batch.close();
  }
}
