// The branch an operation acts on when none is given: the current git branch, else main.
import type { Store } from '../store/store.js';

export async function currentBranch(store: Store, explicit: string | undefined | null): Promise<string> {
  if (explicit) return explicit;
  return (await store.headState()).branch ?? 'main';
}
