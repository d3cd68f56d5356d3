// Env commits as data: the trailers written by commitEnv, parsed back into EnvHead and
// EnvLogEntry. The trailers are the record; the tree only carries the objects.
import type { Cid } from '../objects/ids.js';
import type { EnvHead, EnvLogEntry } from './store.js';
import type { CommitInfo } from './git-reader.js';
import { parseMessage, type Trailers } from './commit-message.js';
import { isRockyCid } from './fan-out-path.js';

export interface EnvTrailerInput {
  readonly op: string;
  readonly actor: string;
  readonly code: string | null;
  readonly env: Cid;
  readonly manifest: Cid | null;
  readonly time: string;
}

export function envTrailers(input: EnvTrailerInput): Trailers {
  return [
    ['Rocky-Op', input.op],
    ['Rocky-Actor', input.actor],
    ['Rocky-Code', input.code ?? 'none'],
    ['Rocky-Env', input.env],
    ['Rocky-Manifest', input.manifest ?? 'none'],
    ['Rocky-Time', input.time],
  ];
}

/** The log entry of an env commit, or null when the commit carries no valid Rocky-Env trailer. */
export function parseEnvCommit(info: CommitInfo): EnvLogEntry | null {
  const { summary, trailers } = parseMessage(info.message);
  const env = trailers.get('Rocky-Env') ?? '';
  if (!isRockyCid(env)) return null;
  const manifest = trailers.get('Rocky-Manifest') ?? 'none';
  const code = trailers.get('Rocky-Code') ?? 'none';
  return {
    commit: info.oid,
    op: trailers.get('Rocky-Op') ?? '',
    actor: trailers.get('Rocky-Actor') ?? '',
    time: trailers.get('Rocky-Time') ?? '',
    code: code === 'none' || code === '' ? null : code,
    env,
    manifest: isRockyCid(manifest) ? manifest : null,
    summary,
    parents: info.parents,
  };
}

export function envHeadOf(entry: EnvLogEntry, tree: string): EnvHead {
  return { commit: entry.commit, env: entry.env, manifest: entry.manifest, tree };
}
