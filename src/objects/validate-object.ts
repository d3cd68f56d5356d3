// Structural validation of a decoded object: known kind, known version, required fields present.
// Returns a reason, or null when valid. Exhaustive over kinds (a new kind will not compile
// until it is listed here).
import type { ObjectKind } from './types.js';

const REQUIRED: Record<ObjectKind, readonly string[]> = {
  'model-source': ['name', 'path', 'sql', 'config'],
  'source-schema': ['name', 'origin', 'columns', 'key', 'time_column'],
  'compiled-model': ['name', 'source', 'materialization', 'sql', 'rendered', 'columns', 'lineage', 'inputs'],
  plan: ['project', 'models', 'sources', 'order'],
  'source-snapshot': ['name', 'columns', 'rows', 'content_hash', 'hash_scheme', 'table'],
  'run-manifest': ['op', 'branch', 'code_commit', 'plan', 'actor', 'started_at', 'ended_at', 'status', 'warehouse', 'hash_scheme', 'snapshots', 'models'],
  env: ['branch', 'schema', 'models', 'snapshots'],
};

const VERSIONS: Record<ObjectKind, readonly number[]> = {
  'model-source': [1],
  'source-schema': [1],
  'compiled-model': [1],
  plan: [1],
  'source-snapshot': [1],
  'run-manifest': [1],
  env: [1],
};

export function validateObject(value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'not a map';
  const rec = value as Record<string, unknown>;
  const kind = rec.kind;
  if (typeof kind !== 'string' || !(kind in REQUIRED)) return `unknown kind ${JSON.stringify(kind)}`;
  const k = kind as ObjectKind;
  if (!VERSIONS[k].includes(rec.version as number)) return `${k} version ${JSON.stringify(rec.version)} is not supported`;
  const missing = REQUIRED[k].filter((f) => !(f in rec));
  return missing.length ? `${k} lacks ${missing.join(', ')}` : null;
}

export const OBJECT_KINDS = Object.keys(REQUIRED) as ObjectKind[];
