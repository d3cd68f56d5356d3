// Opens what every operation needs: the project around a directory, its git store, and (lazily)
// its warehouse. Heavy modules are imported on first use so `git rocky --help` starts fast.
import { isAbsolute, join, relative } from 'node:path';
import type { Diagnostic } from '../objects/diagnostic.js';
import { findProjectRoot, loadProject, loadProjectConfig, workTreeFiles, type Project, type ProjectConfig, type ProjectFiles } from '../project/index.js';
import { UsageError } from '../errors/usage-error.js';
import { CompileError } from '../errors/compile-error.js';
import { ParseCache } from '../plan/parse-cache.js';
import { CompileCache } from '../plan/compile-cache.js';
import type { OnTree } from '../plan/types.js';
import { SourcesCache } from '../plan/sources-cache.js';
import { compilerFingerprint, parserFingerprint } from '../plan/compiler-fingerprint.js';
import { duckDbPackageVersion } from '../warehouse/duckdb/engine-package-version.js';
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
  /** Reads the project again on the next loadProject() (compile --watch), through the files
   *  the workspace was opened with. */
  reloadProject(): void;
  /** The project's warehouse, opened on first call (waits for another process's lock). */
  warehouse(onWait?: (msg: string) => void): Promise<Warehouse>;
  /** An in-memory DuckDB for parsing and describing files without taking the warehouse lock. */
  scratch(): Promise<Warehouse>;
  /** The scratch parser, through the project's content-addressed parse cache
   *  (.rocky/cache/parse-v1.json) for batches large enough to pay for loading it. */
  parseSql(sqls: readonly string[], onTree?: OnTree): Promise<string[]>;
  /** Closes the scratch DuckDB (after parsing 10,000 models it holds ~30 MB of native memory,
   *  measured) unless the workspace was opened to keep it; it reopens on next use. */
  releaseParser(): Promise<void>;
  /** Texts whose tree came from the parse cache / that DuckDB parsed, so far. */
  parseStats(): { readonly hits: number; readonly misses: number };
  /** The project's compile cache (.rocky/cache/compile-v1.bin), loaded on first call, shared by
   *  every compile of this workspace and saved by close(). */
  compileCache(): CompileCache;
  close(): Promise<void>;
}

export async function openWorkspace(cwd: string, opts: { files?: (root: string) => ProjectFiles; keepParser?: boolean } = {}): Promise<Workspace> {
  const root = findProjectRoot(cwd);
  if (!root) throw new UsageError(`no rocky project here: no rocky.yaml in ${cwd} or above (start one with: git rocky init)`);
  const { openStore } = await import('../store/index.js');
  const store = await openStore(root);
  if (!store.workdir) throw new UsageError('git rocky needs a work tree; this repository is bare');
  const prefix = relative(store.workdir, root).split('\\').join('/');
  const files = opts.files ? opts.files(root) : workTreeFiles(root);
  const { config, diagnostics: configDiagnostics } = await loadProjectConfig(files);
  let loaded: Promise<{ project: Project; diagnostics: readonly Diagnostic[] }> | null = null;
  let wh: Promise<Warehouse> | null = null;
  let mem: Promise<Warehouse> | null = null;
  let cache: ParseCache | null = null;
  let compiled: CompileCache | null = null;
  const stats = { hits: 0, misses: 0 };
  const cacheDir = join(root, '.rocky', 'cache');
  // Both caches are bound to the engine that parsed and typed, and to our compiler's code.
  const engine = (): string => `${duckDbPackageVersion()} ${compilerFingerprint()}`;
  let sourcesMemo: SourcesCache | null = null; // made on first load: hashing our code costs ~10 ms
  const open = async (path: string, onWait?: (msg: string) => void): Promise<Warehouse> => {
    const { openDuckDb } = await import('../warehouse/index.js');
    return openDuckDb(path, { onWait, lowMemory: path === ':memory:' });
  };
  const scratch = (): Promise<Warehouse> => (mem ??= open(':memory:'));
  // Loading the parse cache (~3 KB of tree per model) costs more than parsing a few texts.
  const SMALL_BATCH = 32;
  const parse = async (sqls: readonly string[], onTree?: OnTree): Promise<string[]> => {
    const s = await scratch();
    if (sqls.length <= SMALL_BATCH && !cache) {
      stats.misses += sqls.length;
      return s.parseSql(sqls, onTree);
    }
    cache ??= ParseCache.load(join(cacheDir, 'parse-v1.json'), `${duckDbPackageVersion()} ${parserFingerprint()}`);
    const before = { hits: cache.hits, misses: cache.misses };
    const trees = await cache.wrap((texts, each) => s.parseSql(texts, each))(sqls, onTree);
    stats.hits += cache.hits - before.hits;
    stats.misses += cache.misses - before.misses;
    return trees;
  };
  const compileCache = (): CompileCache => (compiled ??= CompileCache.load(join(cacheDir, 'compile-v1.bin'), engine()));
  return {
    root, prefix, store, config,
    requireValidConfig() {
      if (configDiagnostics.some((d) => d.severity === 'error')) throw new CompileError(configDiagnostics);
    },
    loadProject() {
      sourcesMemo ??= new SourcesCache(join(cacheDir, 'sources-v1.json'), compilerFingerprint());
      loaded ??= loadProject(files, { memo: sourcesMemo });
      return loaded;
    },
    reloadProject() {
      loaded = null;
    },
    warehouse(onWait) {
      const p = config.warehouse.path;
      wh ??= open(isAbsolute(p) ? p : join(root, p), onWait);
      return wh;
    },
    scratch,
    parseSql: parse,
    async releaseParser() {
      if (opts.keepParser || !mem) return;
      const open = mem;
      mem = null;
      await (await open).close();
    },
    parseStats: () => ({ ...stats }),
    compileCache,
    async close() {
      cache?.save();
      compiled?.save();
      compiled?.release();
      sourcesMemo?.save();
      for (const w of [wh, mem]) if (w) await (await w).close();
    },
  };
}
