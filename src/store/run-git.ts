// Spawns the git executable with explicit arguments (never a shell) for what isomorphic-git lacks:
// repository discovery, compare-and-swap ref updates, status, and git's own name rules.
import { execFile } from 'node:child_process';

export interface GitResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

// Variables that would redirect git away from the repository found from `cwd` (a hook or a
// parent git process may have set them); git rocky always finds the repository itself.
const REDIRECTING_VARS = [
  'GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_COMMON_DIR',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_NAMESPACE', 'GIT_PREFIX',
];

export function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of REDIRECTING_VARS) delete env[name];
  // Stable, English messages: some failures are recognised by their text.
  env.LC_ALL = 'C';
  env.GIT_TERMINAL_PROMPT = '0';
  return env;
}

/** Runs git and resolves with its exit code and output; rejects only when git cannot be started. */
export async function runGit(cwd: string, args: readonly string[], input?: string): Promise<GitResult> {
  const r = await runGitBytes(cwd, args, input, 256 * 1024 * 1024);
  return { code: r.code, stdout: r.stdout.toString('utf8'), stderr: r.stderr };
}

/** runGit with stdout as bytes (object contents), stderr as text. */
export function runGitBytes(cwd: string, args: readonly string[], input?: string, maxBuffer = 1024 * 1024 * 1024): Promise<{ readonly code: number; readonly stdout: Buffer; readonly stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile('git', [...args], { cwd, env: gitEnv(), maxBuffer, encoding: 'buffer' }, (error, stdout, stderr) => {
      if (error && typeof (error as NodeJS.ErrnoException).code === 'string') {
        reject(new Error(`cannot run git in ${cwd}: ${error.message}`));
        return;
      }
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr: stderr.toString('utf8') });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** Runs git and returns stdout; a non-zero exit becomes an Error carrying git's message. */
export async function gitOk(cwd: string, args: readonly string[], input?: string): Promise<string> {
  const r = await runGit(cwd, args, input);
  if (r.code !== 0) throw new Error(`git ${args[0]} failed (exit ${r.code}): ${r.stderr.trim() || r.stdout.trim()}`);
  return r.stdout;
}
