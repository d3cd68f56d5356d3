// Opens the Store of the git repository around a directory (work tree, subdirectory, linked
// worktree or bare repository); refuses non-repositories and SHA-256 repositories.
import type { Store } from './store.js';
import { locateRepository } from './locate-repository.js';
import { GitStore } from './git-store.js';

export async function openStore(cwd: string): Promise<Store> {
  return new GitStore(await locateRepository(cwd));
}
