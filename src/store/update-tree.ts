// Copy-on-write edits of git trees: only the trees on the path to a changed entry are written,
// so adding one object to a fanned-out tree of thousands writes a handful of tree objects.
import type { GitReader } from './git-reader.js';
import type { LooseObjectWriter } from './loose-object-writer.js';
import { encodeTree, isTreeMode, TREE_MODE, type TreeEntry } from './git-tree.js';

export interface TreeEdit {
  /** Path components from the tree being edited to the entry. */
  readonly path: readonly string[];
  readonly mode: string;
  readonly oid: string;
  /** Blob content, written only when the edit actually changes the tree (absent or different). */
  readonly blob?: Uint8Array;
}

/** Applies the edits to `base` (null: an empty tree); returns the new tree id (`base` itself
 *  when nothing changed). Entries are set or replaced, never removed. */
export async function updateTree(reader: GitReader, writer: LooseObjectWriter, base: string | null, edits: readonly TreeEdit[]): Promise<string> {
  const result = await editLevel(reader, writer, base, edits, 0);
  return result ?? writer.add('tree', encodeTree([]));
}

async function editLevel(reader: GitReader, writer: LooseObjectWriter, base: string | null, edits: readonly TreeEdit[], depth: number): Promise<string | null> {
  const entries = new Map<string, TreeEntry>(base ? await reader.readTree(base) : []);
  const groups = new Map<string, TreeEdit[]>();
  for (const edit of edits) {
    const name = edit.path[depth];
    if (name === undefined) throw new Error(`tree edit path too short: ${edit.path.join('/')}`);
    let group = groups.get(name);
    if (!group) groups.set(name, (group = []));
    group.push(edit);
  }
  let changed = false;
  for (const [name, group] of groups) {
    const existing = entries.get(name);
    const leaves = group.filter((e) => e.path.length === depth + 1);
    const deeper = group.filter((e) => e.path.length > depth + 1);
    if (leaves.length > 0 && deeper.length > 0) throw new Error(`tree edits disagree on whether ${name} is a tree`);
    if (leaves.length > 0) {
      const edit = leaves[leaves.length - 1];
      if (existing && existing.oid === edit.oid && existing.mode === edit.mode) continue;
      if (edit.blob) writer.add('blob', edit.blob);
      entries.set(name, { name, mode: edit.mode, oid: edit.oid });
      changed = true;
    } else {
      const childBase = existing && isTreeMode(existing.mode) ? existing.oid : null;
      const child = await editLevel(reader, writer, childBase, deeper, depth + 1);
      if (child === null || child === childBase) continue;
      entries.set(name, { name, mode: TREE_MODE, oid: child });
      changed = true;
    }
  }
  if (!changed) return base;
  return writer.add('tree', encodeTree(entries.values()));
}

/** A tree holding every entry of `a` plus the entries of `b` that `a` lacks, merging subtrees
 *  present in both; on a clash between non-trees `a` wins. Unchanged subtrees are shared. */
export async function unionTrees(reader: GitReader, writer: LooseObjectWriter, a: string | null, b: string | null): Promise<string | null> {
  if (a === null || a === b) return b ?? a;
  if (b === null) return a;
  const entries = new Map<string, TreeEntry>(await reader.readTree(a));
  let changed = false;
  for (const [name, other] of await reader.readTree(b)) {
    const mine = entries.get(name);
    if (!mine) {
      entries.set(name, other);
      changed = true;
    } else if (mine.oid !== other.oid && isTreeMode(mine.mode) && isTreeMode(other.mode)) {
      const merged = await unionTrees(reader, writer, mine.oid, other.oid);
      if (merged !== null && merged !== mine.oid) {
        entries.set(name, { name, mode: TREE_MODE, oid: merged });
        changed = true;
      }
    }
  }
  return changed ? writer.add('tree', encodeTree(entries.values())) : a;
}
