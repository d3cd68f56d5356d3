// Finds an object's git blob by CID in the trees of given commits (default: every refs/rocky/*
// head). Holds the instance caches: found CIDs (content-addressed, never stale) and a snapshot of
// the rocky heads, refreshed when a lookup misses, so repeated reads do not spawn git.
import type { GitReader } from './git-reader.js';
import { objectPath } from './fan-out-path.js';
import { isTreeMode } from './git-tree.js';
import { listRefs } from './ref-cas.js';
import { ROCKY_PREFIX } from './env-ref.js';

export class ObjectLocator {
  private readonly found = new Map<string, string>();
  private heads: readonly string[] | null = null;

  constructor(private readonly reader: GitReader, private readonly cwd: string) {}

  /** Forget the heads snapshot (after this process moved a ref). */
  refsChanged(): void {
    this.heads = null;
  }

  /** The blob id stored for `cid`, or null when no tree of `within` (default: rocky heads) has it. */
  async locate(cid: string, within?: readonly string[]): Promise<string | null> {
    const path = objectPath(cid);
    if (within) return this.search(path, within);
    const known = this.found.get(cid);
    if (known) return known;
    const before = this.heads;
    let blob = await this.search(path, await this.rockyHeads());
    if (blob === null && before !== null) {
      // The snapshot may predate another process's commit: refresh once, search what is new.
      this.heads = null;
      const fresh = (await this.rockyHeads()).filter((h) => !before.includes(h));
      blob = await this.search(path, fresh);
    }
    if (blob !== null) {
      if (this.found.size >= 200_000) this.found.clear();
      this.found.set(cid, blob);
    }
    return blob;
  }

  /** Forget a CID whose stored bytes turned out not to match it. */
  forget(cid: string): void {
    this.found.delete(cid);
  }

  private async rockyHeads(): Promise<readonly string[]> {
    if (this.heads === null) {
      const refs = await listRefs(this.cwd, ROCKY_PREFIX);
      this.heads = [...new Set(refs.map((r) => r.oid))];
    }
    return this.heads;
  }

  private async search(path: readonly string[], commits: readonly string[]): Promise<string | null> {
    for (const commit of commits) {
      const { tree } = await this.reader.readCommit(commit);
      const entry = await this.reader.lookupPath(tree, path);
      if (entry && !isTreeMode(entry.mode)) return entry.oid;
    }
    return null;
  }
}
