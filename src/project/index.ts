export { loadProject, loadProjectConfig, type LoadedProject, type LoadedSources, type SourcesMemo, type LoadProjectOptions } from './load-project.js';
export { workTreeFiles, WorkTreeStamps } from './work-tree-files.js';
export { rememberedFiles, type RememberedFiles } from './remembered-files.js';
export { commitFiles } from './commit-files.js';
export { findProjectRoot } from './find-project-root.js';
export type * from './types.js';
export { RACY_MS, trustworthy, textHash, type FileStamp } from './file-stamp.js';
export { stampProjectFiles, type StampTable } from './stamp-project-files.js';
export { takePrescan, PRESCAN, type Prescan } from './take-prescan.js';
