// git's tree object format: entries `<mode> <name>\0<20-byte id>`, sorted the way git sorts
// them (a subtree compares as if its name ended in '/'), so `git fsck --strict` accepts them.

export interface TreeEntry {
  readonly name: string;
  /** git's mode text: '40000' tree, '100644' blob, '100755', '120000' symlink, '160000' gitlink. */
  readonly mode: string;
  readonly oid: string;
}

export const TREE_MODE = '40000';
export const BLOB_MODE = '100644';
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

export function isTreeMode(mode: string): boolean {
  return mode === TREE_MODE || mode === '040000';
}

function sortKey(e: TreeEntry): Buffer {
  return Buffer.from(isTreeMode(e.mode) ? `${e.name}/` : e.name, 'utf8');
}

/** Serialises entries (any order) into a tree object body. */
export function encodeTree(entries: Iterable<TreeEntry>): Buffer {
  const keyed = [...entries].map((e) => ({ e, key: sortKey(e) }));
  keyed.sort((a, b) => Buffer.compare(a.key, b.key));
  const parts: Buffer[] = [];
  for (const { e } of keyed) {
    if (e.name === '' || e.name.includes('/') || e.name.includes('\0')) throw new Error(`invalid tree entry name: ${JSON.stringify(e.name)}`);
    parts.push(Buffer.from(`${isTreeMode(e.mode) ? TREE_MODE : e.mode} ${e.name}\0`, 'utf8'), Buffer.from(e.oid, 'hex'));
  }
  return Buffer.concat(parts);
}
