// Reads git objects in-process through isomorphic-git (loose, packed, deltified), with caches
// held by the instance: objects are immutable, so a cached tree or commit never goes stale.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { CorruptObjectError } from '../errors/corrupt-object-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { inBundle } from '../util/in-bundle.js';
import { isTreeMode, type TreeEntry } from './git-tree.js';

export interface CommitInfo {
  readonly oid: string;
  readonly tree: string;
  readonly parents: readonly string[];
  readonly message: string;
}

type IsoGit = typeof import('isomorphic-git');
let isoGit: IsoGit | null = null;

/** isomorphic-git, loaded on first read: a compile of a dirty work tree never needs it. Through
 *  require: its CommonJS build loads in ~70 ms, its ES module build in ~230 ms (measured). In the
 *  single-file build the plain require is what the bundler sees, so the package is inlined and
 *  still evaluated only here. */
function iso(): IsoGit {
  return (isoGit ??= (inBundle ? require('isomorphic-git') : createRequire(import.meta.url)('isomorphic-git')) as IsoGit);
}

// Bounds memory on long-lived stores; a cleared cache only costs re-reads.
const MAX_CACHED = 50_000;

function boundedSet<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (map.size >= MAX_CACHED) map.clear();
  map.set(key, value);
}

export class GitReader {
  private readonly packCache = {};
  private readonly trees = new Map<string, ReadonlyMap<string, TreeEntry>>();
  private readonly commits = new Map<string, CommitInfo>();

  constructor(readonly gitdir: string) {}

  private translate(e: unknown, what: string, oid: string): never {
    const code = (e as { code?: string }).code;
    if (code === 'NotFoundError') throw new NotFoundError(`git ${what}`, oid);
    if (code === 'ObjectTypeError') throw new CorruptObjectError(oid, `expected a git ${what}`);
    if (code === 'InternalError') {
      const detail = (e as { data?: { message?: string } }).data?.message ?? (e as Error).message;
      throw new CorruptObjectError(oid, `unreadable git ${what}: ${detail}`);
    }
    throw e;
  }

  async readTree(oid: string): Promise<ReadonlyMap<string, TreeEntry>> {
    const hit = this.trees.get(oid);
    if (hit) return hit;
    let result;
    try {
      result = await iso().readTree({ fs, gitdir: this.gitdir, oid, cache: this.packCache });
    } catch (e) {
      this.translate(e, 'tree', oid);
    }
    const entries = new Map<string, TreeEntry>();
    for (const e of result.tree) entries.set(e.path, { name: e.path, mode: e.mode, oid: e.oid });
    boundedSet(this.trees, oid, entries);
    return entries;
  }

  async readCommit(oid: string): Promise<CommitInfo> {
    const hit = this.commits.get(oid);
    if (hit) return hit;
    let result;
    try {
      result = await iso().readCommit({ fs, gitdir: this.gitdir, oid, cache: this.packCache });
    } catch (e) {
      this.translate(e, 'commit', oid);
    }
    const info: CommitInfo = { oid: result.oid, tree: result.commit.tree, parents: result.commit.parent, message: result.commit.message };
    boundedSet(this.commits, oid, info);
    return info;
  }

  async readBlob(oid: string): Promise<Uint8Array> {
    try {
      const { blob } = await iso().readBlob({ fs, gitdir: this.gitdir, oid, cache: this.packCache });
      // A plain Uint8Array view whatever isomorphic-git hands back (Buffer or not): one type for callers.
      return new Uint8Array(blob.buffer, blob.byteOffset, blob.byteLength);
    } catch (e) {
      this.translate(e, 'blob', oid);
    }
  }

  /** Follows a path of names from a tree; null when any step is missing. */
  async lookupPath(tree: string, path: readonly string[]): Promise<TreeEntry | null> {
    let current = tree;
    let entry: TreeEntry | null = null;
    for (const name of path) {
      if (entry && !isTreeMode(entry.mode)) return null;
      entry = (await this.readTree(current)).get(name) ?? null;
      if (!entry) return null;
      current = entry.oid;
    }
    return entry;
  }
}
