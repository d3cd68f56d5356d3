// Opens what every operation needs: the project around a directory, its git store, and (lazily)
// its warehouse. Heavy modules are imported on first use so `git rocky --help` starts fast.
import { isAbsolute, join, relative } from 'node:path';
import type { Diagnostic } from '../objects/diagnostic.js';
import { findProjectRoot, loadProject, loadProjectConfig, workTreeFiles, type Project, type ProjectConfig } from '../project/index.js';
import { UsageError } from '../errors/usage-error.js';
import { CompileError } from '../errors/compile-error.js';
import { ParseCache } from '../plan/parse-cache.js';
import type { Store } from '../store/store.js';
import type { Warehouse } from '../warehouse/warehouse.js';

export interface Workspace {
  /** Absolute project root (the directory holding rocky.yaml). */
  readonly root: string;
  /** Project root relative to the repository root, '' at the top. */
  readonly prefix: string;
  readonly store: Store;
  /** rocky.yaml, read eagerly (small); the models and sources are read by loadProject(). */
  readonly config: ProjectConfig;
  /** Throws the rocky.yaml diagnostics as a CompileError, for operations that only read it
   *  (compiling operations report them with all the others). */
  requireValidConfig(): void;
  /** The whole project (every model file and sources.yaml), read once on first call. */
  loadProject(): Promise<{ readonly project: Project; readonly diagnostics: readonly Diagnostic[] }>;
  /** The project's warehouse, opened on first call (waits for another process's lock). */
  warehouse(onWait?: (msg: string) => void): Promise<Warehouse>;
  /** An in-memory DuckDB for parsing and describing files without taking the warehouse lock. */
  scratch(): Promise<Warehouse>;
  /** The scratch DuckDB's parser behind the project's content-addressed parse cache
   *  (.rocky/cache/parse-v1.json), shared by every compile of this workspace and saved by
   *  close(). */
  parser(): Promise<ParseCache>;
  /** The scratch parser, through the cache. */
  parseSql(sqls: readonly string[]): Promise<string[]>;
  close(): Promise<void>;
}

export async function openWorkspace(cwd: string): Promise<Workspace> {
  const root = findProjectRoot(cwd);
  if (!root) throw new UsageError(`no rocky project here: no rocky.yaml in ${cwd} or above (start one with: git rocky init)`);
  const { openStore } = await import('../store/index.js');
  const store = await openStore(root);
  if (!store.workdir) throw new UsageError('git rocky needs a work tree; this repository is bare');
  const prefix = relative(store.workdir, root).split('\\').join('/');
  const files = workTreeFiles(root);
  const { config, diagnostics: configDiagnostics } = await loadProjectConfig(files);
  let loaded: Promise<{ project: Project; diagnostics: readonly Diagnostic[] }> | null = null;
  let wh: Promise<Warehouse> | null = null;
  let mem: Promise<Warehouse> | null = null;
  let cache: Promise<ParseCache> | null = null;
  const open = async (path: string, onWait?: (msg: string) => void): Promise<Warehouse> => {
    const { openDuckDb } = await import('../warehouse/index.js');
    return openDuckDb(path, { onWait, lowMemory: path === ':memory:' });
  };
  const scratch = (): Promise<Warehouse> => (mem ??= open(':memory:'));
  const parser = (): Promise<ParseCache> =>
    (cache ??= scratch().then(async (s) => ParseCache.load(join(root, '.rocky', 'cache', 'parse-v1.json'), await s.version())));
  return {
    root, prefix, store, config,
    requireValidConfig() {
      if (configDiagnostics.some((d) => d.severity === 'error')) throw new CompileError(configDiagnostics);
    },
    loadProject() {
      loaded ??= loadProject(files);
      return loaded;
    },
    warehouse(onWait) {
      const p = config.warehouse.path;
      wh ??= open(isAbsolute(p) ? p : join(root, p), onWait);
      return wh;
    },
    scratch,
    parser,
    async parseSql(sqls) {
      const s = await scratch();
      return (await parser()).wrap((texts) => s.parseSql(texts))(sqls);
    },
    async close() {
      if (cache) (await cache).save();
      for (const w of [wh, mem]) if (w) await (await w).close();
    },
  };
}
