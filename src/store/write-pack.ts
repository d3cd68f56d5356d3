// Writes many git objects at once as one packfile, indexed by git itself (`git index-pack
// --stdin`): a plan of 10,000 models is ~23,000 new objects, and creating that many loose files
// costs seconds where one pack costs a fraction. Objects are undeltified; `git gc` may repack.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { gitEnv } from './run-git.js';

export interface PackObject {
  readonly type: 'blob' | 'tree' | 'commit';
  readonly body: Uint8Array;
}

const TYPE_CODE: Record<PackObject['type'], number> = { commit: 1, tree: 2, blob: 3 };

function entryHeader(type: number, size: number): Buffer {
  const bytes: number[] = [];
  let byte = (type << 4) | (size & 0x0f);
  size = Math.floor(size / 16);
  while (size > 0) {
    bytes.push(byte | 0x80);
    byte = size & 0x7f;
    size = Math.floor(size / 128);
  }
  bytes.push(byte);
  return Buffer.from(bytes);
}

export function buildPack(objects: readonly PackObject[]): Buffer {
  const header = Buffer.alloc(12);
  header.write('PACK', 0, 'latin1');
  header.writeUInt32BE(2, 4);
  header.writeUInt32BE(objects.length, 8);
  const parts: Buffer[] = [header];
  for (const o of objects) {
    parts.push(entryHeader(TYPE_CODE[o.type], o.body.byteLength), deflateSync(o.body, { level: 1 }));
  }
  const body = Buffer.concat(parts);
  return Buffer.concat([body, createHash('sha1').update(body).digest()]);
}

/** Streams the pack into `git index-pack --stdin`, which verifies it, names it by its content and
 *  writes pack and index into the repository's objects/pack: the objects exist once it returns. */
export function writePack(gitdir: string, objects: readonly PackObject[]): Promise<void> {
  const pack = buildPack(objects);
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['--git-dir', gitdir, 'index-pack', '--stdin'], { cwd: gitdir, env: gitEnv(), stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git index-pack failed (exit ${code}): ${stderr.trim()}`))));
    child.stdin.end(pack);
  });
}
