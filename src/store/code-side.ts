// The code side of the repository (branches, commits, the work tree), read through the git
// executable without touching the work tree or the index.
import { NotFoundError } from '../errors/not-found-error.js';
import { UsageError } from '../errors/usage-error.js';
import { ConflictError } from '../errors/conflict-error.js';
import { casUpdate, readRef } from './ref-cas.js';
import { isOid } from './env-ref.js';
import { runGit, runGitBytes } from './run-git.js';

export async function resolveRevision(cwd: string, rev: string): Promise<string | null> {
  // A leading '-' would be read as an option.
  if (rev === '' || rev.startsWith('-') || /[\0\n]/.test(rev)) return null;
  const r = await runGit(cwd, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  return r.code === 0 ? r.stdout.trim() : null;
}

/** Every file under `prefix` in a commit's tree (paths from the repository's root), read by two
 *  git processes: `ls-tree` lists them, one `cat-file --batch` reads them all. Reading them one
 *  by one through isomorphic-git took ~6 s for a 10,000-model project (measured), most of a
 *  lineage diff. Submodules have no bytes here and are left out. */
export async function readCommitFiles(cwd: string, commit: string, prefix: string): Promise<Map<string, Uint8Array>> {
  const oid = isOid(commit) ? commit : await resolveRevision(cwd, commit);
  if (oid === null) throw new NotFoundError('commit', commit);
  const base = prefix.split('/').filter((p) => p !== '' && p !== '.').join('/');
  // Literal paths from the top, whatever directory git runs in.
  const ls = await runGitBytes(cwd, ['--literal-pathspecs', 'ls-tree', '-r', '-z', '--full-tree', oid, ...(base ? ['--', base] : [])]);
  if (ls.code !== 0) throw new Error(`git ls-tree failed (exit ${ls.code}): ${ls.stderr.trim()}`);
  const paths: string[] = [];
  const oids: string[] = [];
  for (const entry of ls.stdout.toString('utf8').split('\0')) {
    if (entry === '') continue;
    const tab = entry.indexOf('\t');
    const [, type, blob] = entry.slice(0, tab).split(' ');
    if (type !== 'blob') continue;
    paths.push(entry.slice(tab + 1));
    oids.push(blob);
  }
  const files = new Map<string, Uint8Array>();
  if (oids.length === 0) return files;
  const cat = await runGitBytes(cwd, ['cat-file', '--batch'], `${oids.join('\n')}\n`);
  if (cat.code !== 0) throw new Error(`git cat-file failed (exit ${cat.code}): ${cat.stderr.trim()}`);
  const out = cat.stdout;
  let at = 0;
  for (let i = 0; i < oids.length; i++) {
    // "<oid> blob <size>\n<bytes>\n", or "<oid> missing\n"
    const nl = out.indexOf(0x0a, at);
    if (nl < 0) throw new Error(`git cat-file stopped before ${oids[i]}`);
    const header = out.toString('latin1', at, nl).split(' ');
    if (header[0] !== oids[i] || header[1] !== 'blob') throw new NotFoundError('object', `${oids[i]} (${paths[i]})`);
    const size = Number(header[2]);
    const end = nl + 1 + size;
    if (!Number.isSafeInteger(size) || end >= out.length || out[end] !== 0x0a) throw new Error(`git cat-file gave a torn answer for ${oids[i]}`);
    files.set(paths[i], out.subarray(nl + 1, end));
    at = end + 1;
  }
  return files;
}

type HeadState = { commit: string | null; branch: string | null; clean: boolean };

/** Reads `git status --porcelain=v2 --branch -z`: HEAD's commit and branch from its headers, and
 *  whether anything is changed. Untracked files under .rocky/ (the local warehouse and caches)
 *  do not make a tree dirty. */
export function parseStatusV2(out: string): HeadState {
  const records = out.split('\0');
  let commit: string | null = null;
  let branch: string | null = null;
  let clean = true;
  for (let i = 0; i < records.length; i++) {
    const rec = records[i];
    if (rec === '') continue;
    if (rec.startsWith('# ')) {
      const [key, value] = [rec.slice(2, rec.indexOf(' ', 2)), rec.slice(rec.indexOf(' ', 2) + 1)];
      if (key === 'branch.oid' && value !== '(initial)') commit = value;
      if (key === 'branch.head' && value !== '(detached)') branch = value;
      continue;
    }
    if (rec[0] === '2') i++; // a rename or copy: the next record is the source path
    if (rec[0] === '!') continue;
    if (rec[0] === '?' && (rec.slice(2) === '.rocky' || rec.slice(2).startsWith('.rocky/'))) continue;
    clean = false;
  }
  return { commit, branch, clean };
}

export async function headState(cwd: string, workdir: string | null): Promise<HeadState> {
  if (workdir !== null) {
    // One git process for all three answers (a compile in --watch asks on every change).
    const status = await runGit(workdir, ['status', '--porcelain=v2', '--branch', '-z']);
    if (status.code !== 0) throw new Error(`git status failed: ${status.stderr.trim()}`);
    return parseStatusV2(status.stdout);
  }
  const [head, sym] = await Promise.all([
    runGit(cwd, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']),
    runGit(cwd, ['symbolic-ref', '--quiet', 'HEAD']),
  ]);
  const ref = sym.code === 0 ? sym.stdout.trim() : '';
  return {
    commit: head.code === 0 ? head.stdout.trim() : null,
    branch: ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : null,
    clean: true,
  };
}

export async function checkBranchName(cwd: string, name: string): Promise<string | null> {
  // Checked here because git would take a leading '-' as an option and expand '@{-1}'.
  if (name.startsWith('-')) return "a branch name cannot start with '-'";
  if (name.includes('@{')) return "a branch name cannot contain '@{'";
  const r = await runGit(cwd, ['check-ref-format', '--branch', name]);
  if (r.code === 0) return null;
  return r.stderr.trim().replace(/^fatal:\s*/, '') || `'${name}' is not a valid branch name`;
}

export async function ensureGitBranch(cwd: string, name: string, at?: string): Promise<void> {
  const problem = await checkBranchName(cwd, name);
  if (problem) throw new UsageError(`invalid branch name ${JSON.stringify(name)}: ${problem}`, { branch: name });
  const ref = `refs/heads/${name}`;
  if ((await readRef(cwd, ref)) !== null) return;
  const target = await resolveRevision(cwd, at ?? 'HEAD');
  if (target === null) throw new NotFoundError('revision', at ?? 'HEAD', at === undefined ? 'HEAD has no commit yet' : undefined);
  try {
    await casUpdate(cwd, ref, target, null, `branch: Created from ${at ?? 'HEAD'}`);
  } catch (e) {
    // Someone created it at the same moment: it exists, which is all this asks for.
    if (!(e instanceof ConflictError) || (await readRef(cwd, ref)) === null) throw e;
  }
}

export async function actor(cwd: string): Promise<string> {
  const fromEnv = process.env.ROCKY_ACTOR?.trim();
  if (fromEnv) return fromEnv;
  const r = await runGit(cwd, ['config', 'user.email']);
  const email = r.code === 0 ? r.stdout.trim() : '';
  return email || 'unknown';
}
