// The branch an operation acts on when none is given: the current git branch, else main.
import type { Store } from '../store/store.js';

/** `head`: the HEAD state when the caller has read it already (git status is not free on a
 *  large work tree). */
export async function currentBranch(store: Store, explicit: string | undefined | null, head?: { readonly branch: string | null }): Promise<string> {
  if (explicit) return explicit;
  return (head ?? (await store.headState())).branch ?? 'main';
}
