// `git rocky compile --watch`: compiles, then recompiles whenever rocky.yaml, sources.yaml or a
// file in models/ changes, until stopped. The process stays warm (modules loaded, the DuckDB
// parser open, the compile cache in memory) and re-reads only the files reported changed, so
// a recompile costs what the change costs: with one model edited, its parse and analysis and the
// re-encoding of what links it.
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { rememberedFiles, type RememberedFiles } from '../project/index.js';
import { compileInWorkspace, type CompileResult } from './compile.js';
import { openWorkspace } from './workspace.js';

export interface WatchedCompile extends CompileResult {
  /** Wall time of this compile, from the first change noticed (0 for the first compile). */
  readonly ms: number;
  /** Project-relative paths whose change triggered it (empty for the first compile). */
  readonly changed: readonly string[];
}

export interface CompileWatchOptions {
  readonly cwd: string;
  readonly onCompile: (result: WatchedCompile) => void;
  /** A compile that failed outright (not diagnostics: an I/O error, say); watching goes on. */
  readonly onError: (error: unknown) => void;
  /** Stops watching; the returned promise resolves once the workspace is closed. */
  readonly signal: AbortSignal;
  /** Quiet time after a change before compiling, so a save touching several files compiles once. */
  readonly debounceMs?: number;
}

export async function compileWatch(opts: CompileWatchOptions): Promise<void> {
  // The workspace reads through remembered files (made once it knows the project root); the
  // parser stays open: each recompile parses the changed models with it.
  const made: { files?: RememberedFiles } = {};
  const ws = await openWorkspace(opts.cwd, { files: (workTree) => (made.files = rememberedFiles(workTree)), keepParser: true });
  const remembered = made.files!;
  const watchers: FSWatcher[] = [];
  try {
    const pending = new Set<string>();
    let firstChange = 0;
    let timer: NodeJS.Timeout | null = null;
    let running: Promise<void> = Promise.resolve();

    const compileNow = async (changed: readonly string[], since: number): Promise<void> => {
      try {
        ws.reloadProject();
        const result = await compileInWorkspace(ws);
        // Appended after every compile: a watcher killed later loses nothing.
        ws.compileCache().save();
        // The result's descriptors, not its values: its model list is made only if read.
        const extra = { ms: since === 0 ? 0 : Math.round(performance.now() - since), changed };
        opts.onCompile(Object.defineProperties({}, { ...Object.getOwnPropertyDescriptors(result), ...Object.getOwnPropertyDescriptors(extra) }) as WatchedCompile);
      } catch (e) {
        opts.onError(e);
      }
    };
    // 'change': the file's content; 'rename': it may have appeared or gone (editors that save by
    // renaming a temp file report that too), so its directory is listed again.
    const noticed = (path: string, event: 'change' | 'rename' = 'rename'): void => {
      if (path.startsWith('.rocky/')) return;
      remembered.changed(path, { listing: event === 'rename' });
      if (pending.size === 0) firstChange = performance.now();
      pending.add(path);
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        const changed = [...pending].sort();
        const since = firstChange;
        pending.clear();
        running = running.then(() => compileNow(changed, since));
      }, opts.debounceMs ?? 30);
    };

    // Watch first, then compile: a change made during the first compile is not missed.
    const watchDir = (dir: string, prefix: string, only?: ReadonlySet<string>): void => {
      try {
        // models/ at any depth (the dbt layout): a recursive watch; the root's, not.
        const w = watch(dir, { persistent: true, recursive: prefix !== '' }, (event, name) => {
          if (name === null) {
            remembered.changedAll();
            noticed(`${prefix}*`);
            return;
          }
          const file = String(name);
          if (only && !only.has(file)) return;
          if (prefix === '' && file === 'models') {
            watchModels(); // models/ appeared, went or was replaced: watch it anew, list it again
            remembered.changedAll();
          }
          noticed(`${prefix}${file}`, event === 'change' ? 'change' : 'rename');
        });
        w.on('error', (e) => opts.onError(e));
        watchers.push(w);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    };
    // models/ may be replaced (removed and made again): its watcher is then made anew.
    let modelsWatcher: FSWatcher | null = null;
    const watchModels = (): void => {
      if (modelsWatcher) {
        modelsWatcher.close();
        watchers.splice(watchers.indexOf(modelsWatcher), 1);
        modelsWatcher = null;
      }
      const before = watchers.length;
      watchDir(join(ws.root, 'models'), 'models/');
      if (watchers.length > before) modelsWatcher = watchers[watchers.length - 1];
    };
    watchDir(ws.root, '', new Set(['rocky.yaml', 'sources.yaml', 'models']));
    watchModels();
    await compileNow([], 0);

    await new Promise<void>((resolve) => {
      if (opts.signal.aborted) resolve();
      else opts.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    if (timer) clearTimeout(timer);
    await running;
  } finally {
    for (const w of watchers) w.close();
    await ws.close();
  }
}
