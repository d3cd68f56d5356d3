// ProjectFiles over a git commit's tree, read without checking anything out (for plans of
// past revisions and lineage diffs).
import type { Store } from '../store/store.js';
import type { ProjectFiles } from './types.js';

/** `prefix` is the project's directory relative to the repository root ('' at the top). */
export async function commitFiles(store: Store, commit: string, prefix: string): Promise<ProjectFiles & { bytes(path: string): Uint8Array | null }> {
  const base = prefix ? `${prefix.replace(/\/+$/, '')}/` : '';
  const all = await store.readCommitFiles(commit, prefix);
  const decoder = new TextDecoder();
  return {
    /** A file's bytes as committed (a source's data file), or null when absent. */
    bytes(path) {
      return all.get(base + path) ?? null;
    },
    async read(path) {
      const bytes = all.get(base + path);
      return bytes === undefined ? null : decoder.decode(bytes);
    },
    async list(dir) {
      const want = base + (dir ? `${dir}/` : '');
      const names: string[] = [];
      for (const p of all.keys()) {
        if (p.startsWith(want)) names.push(p.slice(want.length));
      }
      return names;
    },
  };
}
