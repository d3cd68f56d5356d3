// The public face of store/: the Store contract and how to open one on a git repository.
export type { Store, EnvHead, EnvCommitInput, EnvLogEntry } from './store.js';
export type { FsckBlob, FsckGitProblem, FsckWalkResult } from './fsck-walk.js';
export { openStore } from './open-store.js';
export { objectPath, isRockyCid } from './fan-out-path.js';
export { branchNameProblem, ENVS_PREFIX, PLANS_REF } from './env-ref.js';
