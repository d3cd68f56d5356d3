// Reads raw git objects through one long-lived `git cat-file --batch`, requests pipelined and
// answered in order. fsck needs what isomorphic-git hides: a missing object is an answer, not an
// exception, and an object git cannot inflate fails that one request (git then exits; a new
// process takes the requests still waiting) instead of the whole walk.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { gitEnv } from './run-git.js';

export type BatchAnswer =
  | { readonly status: 'ok'; readonly type: string; readonly bytes: Buffer }
  | { readonly status: 'missing' }
  | { readonly status: 'unreadable'; readonly reason: string };

interface Pending {
  readonly oid: string;
  readonly resolve: (a: BatchAnswer) => void;
}

export class CatFileBatch {
  private child: ChildProcessWithoutNullStreams | null = null;
  private readonly queue: Pending[] = [];
  private buffer: Buffer = Buffer.alloc(0);
  private header: { type: string; size: number } | null = null;
  private stderr = '';

  constructor(private readonly cwd: string) {}

  read(oid: string): Promise<BatchAnswer> {
    // Anything but a full object id would make git resolve a name (a ref, HEAD~1): refuse it.
    if (!/^[0-9a-f]{40}$/.test(oid)) return Promise.resolve({ status: 'unreadable', reason: `not an object id: ${JSON.stringify(oid)}` });
    return new Promise((resolve) => {
      this.queue.push({ oid, resolve });
      this.process().stdin.write(`${oid}\n`);
    });
  }

  close(): void {
    const child = this.child;
    this.child = null;
    child?.stdin.end();
  }

  private process(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = spawn('git', ['cat-file', '--batch'], { cwd: this.cwd, env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    this.buffer = Buffer.alloc(0);
    this.header = null;
    this.stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (this.child !== child) return;
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.drain();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (this.child === child) this.stderr += chunk.toString('utf8');
    });
    // Writes to a process that just died: its exit handler re-sends what is still waiting.
    child.stdin.on('error', () => {});
    child.on('error', (e) => this.died(child, `cannot run git: ${e.message}`));
    child.on('close', () => this.died(child, this.stderr.trim()));
    return child;
  }

  private drain(): void {
    for (;;) {
      if (this.header === null) {
        const nl = this.buffer.indexOf(10);
        if (nl < 0) return;
        const line = this.buffer.subarray(0, nl).toString('utf8');
        this.buffer = this.buffer.subarray(nl + 1);
        const parts = line.split(' ');
        if (parts[1] === 'missing') {
          this.queue.shift()?.resolve({ status: 'missing' });
          continue;
        }
        if (parts.length !== 3) {
          this.queue.shift()?.resolve({ status: 'unreadable', reason: `unexpected answer from git cat-file: ${line}` });
          continue;
        }
        this.header = { type: parts[1], size: Number(parts[2]) };
      }
      if (this.buffer.length < this.header.size + 1) return;
      const bytes = Buffer.from(this.buffer.subarray(0, this.header.size));
      this.buffer = this.buffer.subarray(this.header.size + 1);
      const type = this.header.type;
      this.header = null;
      this.queue.shift()?.resolve({ status: 'ok', type, bytes });
    }
  }

  private died(child: ChildProcessWithoutNullStreams, reason: string): void {
    if (this.child !== child) return;
    this.child = null;
    // Answers come in order: the first request still waiting is the one git could not read.
    const culprit = this.queue.shift();
    culprit?.resolve({ status: 'unreadable', reason: reason || 'git cat-file stopped' });
    const rest = this.queue.splice(0);
    for (const p of rest) {
      this.queue.push(p);
      this.process().stdin.write(`${p.oid}\n`);
    }
  }
}
