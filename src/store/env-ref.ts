// Names of rocky refs. An env branch name follows git's branch-name rules (checked here without
// spawning git, so every env operation can afford it) and may contain '/'.
import { UsageError } from '../errors/usage-error.js';

export const ENVS_PREFIX = 'refs/rocky/envs/';
export const PLANS_REF = 'refs/rocky/plans';
export const ROCKY_PREFIX = 'refs/rocky/';

/** git's refname rules (git-check-ref-format(1)) plus the branch-only ones; null when valid. */
export function branchNameProblem(name: string): string | null {
  if (name === '') return 'a branch name cannot be empty';
  if (name.startsWith('-')) return "a branch name cannot start with '-'";
  if (name === 'HEAD' || name === '@') return `'${name}' is reserved`;
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name)) return 'a branch name cannot contain spaces, control characters or any of ~ ^ : ? * [ \\';
  if (name.includes('..')) return "a branch name cannot contain '..'";
  if (name.includes('@{')) return "a branch name cannot contain '@{'";
  if (name.endsWith('.') ) return "a branch name cannot end with '.'";
  for (const part of name.split('/')) {
    if (part === '') return "a branch name cannot start or end with '/' or contain '//'";
    if (part.startsWith('.')) return "a component of a branch name cannot start with '.'";
    if (part.endsWith('.lock')) return "a component of a branch name cannot end with '.lock'";
  }
  return null;
}

export function envRef(branch: string): string {
  const problem = branchNameProblem(branch);
  if (problem) throw new UsageError(`invalid branch name ${JSON.stringify(branch)}: ${problem}`, { branch });
  return ENVS_PREFIX + branch;
}

const OID = /^[0-9a-f]{40}$/;

export function isOid(text: string): boolean {
  return OID.test(text);
}

export function assertOid(text: string, what: string): void {
  if (!OID.test(text)) throw new UsageError(`${what} must be a full 40-character commit id: ${JSON.stringify(text)}`);
}
