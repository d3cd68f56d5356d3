// A model build's identity: its compiled CID plus the identities of exactly what it read
// (snapshot CIDs of sources, build keys of upstream models). Same key, same table: reuse.
// A build that must not be reused (a volatile model, a forced rebuild) also takes the run's
// nonce, so its key matches no earlier build, and the keys downstream (which include it) change.
import { createHash } from 'node:crypto';
import type { BuildInput } from '../objects/types.js';

export function buildKey(compiledCid: string, inputs: readonly BuildInput[], nonce: string | null = null): string {
  const lines = [...inputs].map((i) => `${i.kind}:${i.name}=${i.id}`).sort();
  return createHash('sha256').update(`rocky-build-v1\n${compiledCid}\n${lines.join('\n')}${nonce === null ? '' : `\nnonce:${nonce}`}`).digest('hex');
}

/** Physical table name of a build: `<model>__<first 16 hex of the key>`. */
export function physicalTableName(model: string, key: string): string {
  return `${model.toLowerCase()}__${key.slice(0, 16)}`;
}
