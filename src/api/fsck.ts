// `git rocky fsck`: re-hashes every object reachable from refs/rocky/* and checks its CID,
// that it decodes to a known kind and version, and that every link it holds is reachable.
import { cidOfBytes } from '../codec/encode-object.js';
import { decodeObject } from '../codec/decode-object.js';
import { openWorkspace } from './workspace.js';

export interface FsckResult {
  readonly objects: number;
  readonly problems: readonly { cid: string; ref: string; problem: string }[];
}

function linksOf(value: unknown, out: string[]): void {
  if (Array.isArray(value)) for (const v of value) linksOf(v, out);
  else if (value !== null && typeof value === 'object') {
    const rec = value as Record<string, unknown>;
    if (Object.keys(rec).length === 1 && typeof rec['/'] === 'string') out.push(rec['/'] as string);
    else for (const v of Object.values(rec)) linksOf(v, out);
  }
}

export async function fsck(o: { cwd: string }): Promise<FsckResult> {
  const ws = await openWorkspace(o.cwd);
  try {
    const problems: { cid: string; ref: string; problem: string }[] = [];
    const seen = new Map<string, string>();
    const links: { from: string; to: string; ref: string }[] = [];
    for await (const { cid, bytes, ref } of ws.store.reachableObjects()) {
      if (seen.has(cid)) continue;
      seen.set(cid, ref);
      const actual = cidOfBytes(bytes);
      if (actual !== cid) {
        problems.push({ cid, ref, problem: `content hashes to ${actual}` });
        continue;
      }
      try {
        const out: string[] = [];
        linksOf(decodeObject(bytes, cid), out);
        for (const to of out) links.push({ from: cid, to, ref });
      } catch (e) {
        problems.push({ cid, ref, problem: (e as Error).message });
      }
    }
    for (const l of links) if (!seen.has(l.to)) problems.push({ cid: l.from, ref: l.ref, problem: `links ${l.to}, which is not reachable` });
    return { objects: seen.size, problems };
  } finally {
    await ws.close();
  }
}
