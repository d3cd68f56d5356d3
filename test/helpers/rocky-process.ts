// Test helpers for the built CLI run as a real process in the background (races, kill -9): start
// it, watch its stderr, wait for a condition.
import { spawn, type ChildProcess } from 'node:child_process';
import { CLI, GIT_ENV } from './temp-project.js';

export interface Exit { code: number | null; stdout: string; stderr: string }

export interface RockyProcess {
  readonly done: Promise<Exit>;
  readonly child: ChildProcess;
  /** What it has written on stderr so far. */
  stderrText(): string;
}

/** Starts `git rocky <args>` in `cwd` without waiting for it. */
export function startRocky(cwd: string, args: readonly string[], env: Record<string, string> = {}): RockyProcess {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...GIT_ENV, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<Exit>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { done, child, stderrText: () => stderr };
}

/** Waits until `check()` holds, polling; fails after `ms`. */
export async function until(check: () => boolean, ms = 60_000): Promise<void> {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}
