// The library's face: one operation per file, plain data in and out.
export { compile, type CompileResult, type CompileOptions } from './compile.js';
export { compileWatch, type CompileWatchOptions, type WatchedCompile } from './compile-watch.js';
export { run, type RunOptions, type RunResult } from './run.js';
export { createBranch, listBranches, showBranch, deleteBranch, type BranchInfo } from './branch.js';
export { replay } from './replay.js';
export { show } from './show.js';
export { log } from './log.js';
export { fsck, type FsckResult } from './fsck.js';
export { init } from './init.js';
export { lineage, type LineageOptions } from './lineage.js';
export { lineageDiff, type LineageDiffOptions } from './lineage-diff.js';
export { renderLineage, renderLineageDiffMarkdown } from './lineage-render.js';
export type { LineageTrace, QualifiedEdge, LineageDiff, ModelChange, ColumnChange, ColumnChangeKind } from '../lineage/index.js';
export * from '../errors/index.js';
export type * from '../objects/types.js';
