// Opens what every operation needs: the project around a directory, its git store, and (lazily)
// its warehouse. Heavy modules are imported on first use so `git rocky --help` starts fast.
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { Diagnostic } from '../objects/diagnostic.js';
import { findProjectRoot, ignoreRockyDir, loadProject, loadProjectConfig, stampProjectFiles, takePrescan, workTreeFiles, WorkTreeStamps, textHash, type FileStamp, type StampTable, type Project, type ProjectConfig, type ProjectFiles } from '../project/index.js';
import { UsageError } from '../errors/usage-error.js';
import { CompileError } from '../errors/compile-error.js';
import { ParseCache } from '../plan/parse-cache.js';
import { CompileCache } from '../plan/compile-cache.js';
import type { OnTree } from '../plan/types.js';
import { SourcesCache } from '../plan/sources-cache.js';
import type { LastCompile } from '../plan/last-compile.js';
import { LastCompileStore } from '../plan/last-compile-store.js';
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
   *  (.rocky/cache/parse-v1.json) for batches large enough to pay for loading it. With `onTree`,
   *  the trees go to it and the array returned is empty, as Warehouse.parseSql's. */
  parseSql(sqls: readonly string[], onTree?: OnTree): Promise<string[]>;
  /** Closes the scratch DuckDB (after parsing 10,000 models it holds ~30 MB of native memory,
   *  measured) unless the workspace was opened to keep it; it reopens on next use. */
  releaseParser(): Promise<void>;
  /** Texts whose tree came from the parse cache / that DuckDB parsed, so far. */
  parseStats(): { readonly hits: number; readonly misses: number };
  /** The project's compile cache (.rocky/cache/compile-v3.bin), loaded on first call, shared by
   *  every compile of this workspace and saved by close(). */
  compileCache(): CompileCache;
  /** What the compile cache (and the last compile's record) are bound to: DuckDB and our
   *  compiler's code. */
  engine(): string;
  /** The stamps of the project's files (one stat each), and when they were taken: now, or, for
   *  the first scan, by the `find` the executable started (project/take-prescan.ts). The next
   *  stamped load uses them rather than taking them again. */
  scanFiles(): Promise<{ readonly at: number; readonly table: StampTable }>;
  /** Stamp the project's files as loadProject() reads them, for the last compile's record. Only
   *  compile asks: other operations pay nothing. Call before loading. */
  stampReads(): void;
  /** The files loadProject() read, as read: each one's stamp, when the first stamped load began,
   *  rocky.yaml's text, and the text hash of every file but the models' SQL. Null when no load
   *  was stamped. */
  readFiles(): { readonly at: number; readonly stamps: ReadonlyMap<string, FileStamp>; readonly rocky: string | null; readonly hashes: ReadonlyMap<string, string> } | null;
  /** The last compile's record: the one this workspace saved last, else the file's. */
  lastCompile(): LastCompile | null;
  /** When the last compile's record was written (ms since the epoch), without reading it. */
  lastCompileWrittenAt(): number | null;
  saveLastCompile(last: LastCompile): void;
  close(): Promise<void>;
}

export interface OpenWorkspaceOptions {
  /** Reads the project's files through a wrapper of the work tree's (compile --watch remembers
   *  them); every read of `workTree` is stamped and recorded. */
  readonly files?: (workTree: ProjectFiles) => ProjectFiles;
  /** Keeps the scratch parser open between compiles (compile --watch). */
  readonly keepParser?: boolean;
}

export async function openWorkspace(cwd: string, opts: OpenWorkspaceOptions = {}): Promise<Workspace> {
  const root = findProjectRoot(cwd);
  if (!root) throw new UsageError(`no rocky project here: no rocky.yaml in ${cwd} or above (start one with: git rocky init)`);
  const { openStore } = await import('../store/index.js');
  const store = await openStore(root);
  if (!store.workdir) throw new UsageError('git rocky needs a work tree; this repository is bare');
  const prefix = relative(store.workdir, root).split('\\').join('/');
  // Stamps of the work tree's files as read, so a later compile can tell which changed without
  // reading them (compile-changed.ts); rocky.yaml's text as last read.
  const stamped = new WorkTreeStamps();
  const stamps = stamped.stamps;
  const hashes = new Map<string, string>();
  let rocky: string | null = null;
  // When the first load began: every stamp was taken after it (compile --watch re-reads only the
  // files that changed, so older stamps stay in use).
  let readAt: number | null = null;
  let stampNext = false;
  let scanned: { at: number; table: StampTable } | null = null;
  const workTree = recording(workTreeFiles(root, stamped), (path, text) => {
    if (path === 'rocky.yaml') rocky = text;
    else if (text === null) {
      stamps.delete(path); // gone since an earlier read
      hashes.delete(path);
    } else if (!path.endsWith('.sql') && readAt !== null) hashes.set(path, textHash(text)); // only for a stamped load
  });
  const files = opts.files ? opts.files(workTree) : workTree;
  const { config, diagnostics: configDiagnostics } = await loadProjectConfig(files);
  let loaded: Promise<{ project: Project; diagnostics: readonly Diagnostic[] }> | null = null;
  let wh: Promise<Warehouse> | null = null;
  let mem: Promise<Warehouse> | null = null;
  let cache: ParseCache | null = null;
  let compiled: CompileCache | null = null;
  const stats = { hits: 0, misses: 0 };
  const cacheDir = join(root, '.rocky', 'cache');
  let lastStore: LastCompileStore | null = null;
  let last: LastCompile | null | undefined;
  // Both caches are bound to the engine that parsed and typed, and to our compiler's code.
  const engine = (): string => `${duckDbPackageVersion()} ${compilerFingerprint()}`;
  const records = (): LastCompileStore => (lastStore ??= new LastCompileStore(join(cacheDir, 'last-compile-v1.json'), engine()));
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
  const compileCache = (): CompileCache => (compiled ??= CompileCache.load(join(cacheDir, 'compile-v3.bin'), engine()));
  return {
    root, prefix, store, config,
    requireValidConfig() {
      if (configDiagnostics.some((d) => d.severity === 'error')) throw new CompileError(configDiagnostics);
    },
    loadProject() {
      sourcesMemo ??= new SourcesCache(join(cacheDir, 'sources-v1.json'), compilerFingerprint());
      if (!loaded) {
        if (stampNext && readAt === null) {
          // A scan taken before (by the incremental attempt of this compile) precedes these reads
          // too, so it vouches for them as well as a new one would.
          const { at, table } = scanned ?? { at: Date.now(), table: stampProjectFiles(root) };
          readAt = at;
          stamped.scan(table);
        }
        scanned = null;
        loaded = loadProject(files, { memo: sourcesMemo });
      }
      return loaded;
    },
    reloadProject() {
      loaded = null;
    },
    warehouse(onWait) {
      const p = config.warehouse.path;
      ignoreRockyDir(root);
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
    engine,
    async scanFiles() {
      scanned = (await takePrescan(root)) ?? { at: Date.now(), table: stampProjectFiles(root) };
      return scanned;
    },
    stampReads() {
      stampNext = true;
    },
    readFiles: () => (readAt !== null ? { at: readAt, stamps, rocky, hashes } : null),
    lastCompile: () => (last !== undefined ? last : (last = records().load())),
    lastCompileWrittenAt: () => records().writtenAt(),
    saveLastCompile(record) {
      last = record;
      records().save(record);
    },
    async close() {
      cache?.save();
      compiled?.save();
      compiled?.release();
      sourcesMemo?.save();
      // A warehouse that failed to open was reported by the operation: closing must not throw it
      // again over whatever error the operation raised in its place.
      for (const w of [wh, mem]) if (w) await (await w.catch(() => null))?.close();
      // Whatever of this operation made .rocky/ (a cache, the warehouse): it ignores itself.
      if (existsSync(join(root, '.rocky'))) ignoreRockyDir(root);
    },
  };
}

/** The work tree's files, with each text read handed to `onRead`. */
function recording(inner: ProjectFiles, onRead: (path: string, text: string | null) => void): ProjectFiles {
  return {
    async read(path) {
      const text = await inner.read(path);
      onRead(path, text);
      return text;
    },
    list: (dir) => inner.list(dir),
  };
}
