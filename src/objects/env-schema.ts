// Maps a branch name to its warehouse schema: `main` for main, otherwise `branch__<safe>_<hash8>`.
// The hash of the exact name makes the mapping collision-free even when two names sanitize to
// the same text (`a/b` and `a-b`), and keeps it deterministic on every machine.
import { createHash } from 'node:crypto';

export function envSchema(branch: string): string {
  if (branch === 'main') return 'main';
  const safe = branch.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40);
  const hash = createHash('sha256').update(branch).digest('hex').slice(0, 8);
  return `branch__${safe}_${hash}`;
}

/** Schema of the immutable physical tables and source snapshots. */
export const PHYSICAL_SCHEMA = '_rocky';
