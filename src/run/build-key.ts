// A model build's identity: its compiled CID plus the identities of exactly what it read
// (snapshot CIDs of sources, build keys of upstream models). Same key, same table: reuse.
import { createHash } from 'node:crypto';
import type { BuildInput } from '../objects/types.js';

export function buildKey(compiledCid: string, inputs: readonly BuildInput[]): string {
  const lines = [...inputs].map((i) => `${i.kind}:${i.name}=${i.id}`).sort();
  return createHash('sha256').update(`rocky-build-v1\n${compiledCid}\n${lines.join('\n')}`).digest('hex');
}

/** Physical table name of a build: `<model>__<first 16 hex of the key>`. */
export function physicalTableName(model: string, key: string): string {
  return `${model.toLowerCase()}__${key.slice(0, 16)}`;
}
