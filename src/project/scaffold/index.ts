// Public face of the project scaffolder.
export { buildScaffold } from './build-scaffold.js';
export type { ScaffoldExample, ScaffoldOptions } from './build-scaffold.js';
