// `git rocky fsck`: every commit reachable from every refs/rocky/* ref is walked, every distinct
// git object read and re-hashed against its git id (store/fsck-walk.ts); every blob filed under
// objects/ is checked against its name (its CID: one blob per name and ref can differ, so the
// check is per name and blob, never skipped because the CID was seen intact elsewhere), decoded
// to a known kind and version, and its links must name objects that are reachable. All problems
// are collected and reported together, each with its ref, commit and object.
import { cidOfBytes } from '../codec/encode-object.js';
import { decodeObject } from '../codec/decode-object.js';
import { openWorkspace } from './workspace.js';

export interface FsckProblem {
  /** The refs/rocky/* ref under which it was found. */
  readonly ref: string;
  /** The commit whose tree holds the object, null when the ref itself is broken. */
  readonly commit: string | null;
  /** The rocky object (its CID) when the problem is with one, else the git object id (null for a broken ref). */
  readonly object: string | null;
  /** The git object id (blob, tree or commit), null for a broken ref. */
  readonly git_object: string | null;
  /** Where the object sits in the commit's tree ('' for the commit itself), null for a broken ref. */
  readonly path: string | null;
  readonly problem: string;
}

export interface FsckResult {
  /** Distinct rocky objects (CIDs) checked. */
  readonly objects: number;
  readonly refs: number;
  readonly commits: number;
  readonly problems: readonly FsckProblem[];
}

function linksOf(value: unknown, out: string[]): void {
  if (Array.isArray(value)) for (const v of value) linksOf(v, out);
  else if (value !== null && typeof value === 'object') {
    const rec = value as Record<string, unknown>;
    if (Object.keys(rec).length === 1 && typeof rec['/'] === 'string') out.push(rec['/'] as string);
    else for (const v of Object.values(rec)) linksOf(v, out);
  }
}

const OBJECTS_PREFIX = 'objects/';

export async function fsck(o: { cwd: string }): Promise<FsckResult> {
  const ws = await openWorkspace(o.cwd);
  try {
    const problems: FsckProblem[] = [];
    const names = new Set<string>();
    const links: { from: FsckProblem; to: string }[] = [];
    const walked = await ws.store.fsckWalk((blob) => {
      // Other blobs (the plans index) are checked by their git id alone.
      if (!blob.path.startsWith(OBJECTS_PREFIX)) return;
      const cid = blob.name;
      names.add(cid);
      const where = { ref: blob.ref, commit: blob.commit, object: cid, git_object: blob.git_object, path: blob.path };
      const actual = cidOfBytes(blob.bytes);
      if (actual !== cid) {
        problems.push({ ...where, problem: `content hashes to ${actual}, not to its name` });
        return;
      }
      try {
        const out: string[] = [];
        linksOf(decodeObject(blob.bytes, cid), out);
        for (const to of out) links.push({ from: { ...where, problem: '' }, to });
      } catch (e) {
        problems.push({ ...where, problem: (e as Error).message });
      }
    });
    for (const p of walked.problems) {
      const name = p.path?.startsWith(OBJECTS_PREFIX) ? p.path.slice(p.path.lastIndexOf('/') + 1) : null;
      problems.push({ ref: p.ref, commit: p.commit, object: name ?? p.git_object, git_object: p.git_object, path: p.path, problem: p.problem });
      // Filed, though unreadable: links to it are not reported a second time.
      if (name !== null) names.add(name);
    }
    const reported = new Set<string>();
    for (const l of links) {
      if (names.has(l.to) || reported.has(`${l.from.object} ${l.to}`)) continue;
      reported.add(`${l.from.object} ${l.to}`);
      problems.push({ ...l.from, problem: `links ${l.to}, which is not reachable` });
    }
    return { objects: names.size, refs: walked.refs, commits: walked.commits, problems };
  } finally {
    await ws.close();
  }
}
