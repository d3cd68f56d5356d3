// Shared helpers for store tests: temp git repositories, the real git executable, sample objects.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeObject, type EncodedObject } from '../../src/codec/encode-object.js';
import type { Cid, EnvObject, ModelSourceObject } from '../../src/objects/types.js';

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C' };
  delete env.GIT_DIR;
  delete env.GIT_WORK_TREE;
  delete env.ROCKY_ACTOR;
  return env;
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: cleanEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `rocky-store-${label}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A fresh non-bare repository with an identity configured and no commits. */
export function initRepo(label: string, ...initArgs: string[]): string {
  const dir = tempDir(label);
  git(dir, 'init', '-q', '-b', 'main', ...initArgs);
  git(dir, 'config', 'user.email', 'tester@example.com');
  git(dir, 'config', 'user.name', 'Tester');
  return dir;
}

export function fsckStrict(dir: string): string {
  return git(dir, 'fsck', '--strict', '--no-dangling');
}

export function sourceObject(name: string, sql = `SELECT 1 AS ${name}`): EncodedObject {
  const obj: ModelSourceObject = {
    kind: 'model-source', version: 1, name, path: `models/${name}.sql`, sql,
    config: { materialization: 'table', key: [], description: '', columns: {} },
  } as unknown as ModelSourceObject;
  return encodeObject(obj);
}

export function envObject(branch: string, models: readonly EncodedObject[]): EncodedObject {
  const obj = {
    kind: 'env', version: 1, branch, schema: branch === 'main' ? 'main' : `branch__${branch}`,
    models: models.map((m, i) => ({ name: `m${i}`, compiled: { '/': m.cid }, build_key: `k${i}`, table: `_rocky.m${i}`, output_hash: null, rows: null })),
    snapshots: [],
  } as unknown as EnvObject;
  return encodeObject(obj);
}

export function asCid(text: string): Cid {
  return text as Cid;
}

/** Byte equality whatever the Uint8Array subclass (Buffer or plain). */
export function sameBytes(actual: Uint8Array | null, expected: Uint8Array): boolean {
  return actual !== null && Buffer.from(actual).equals(Buffer.from(expected));
}
