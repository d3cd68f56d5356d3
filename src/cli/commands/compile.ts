// git rocky compile [--watch] [--json]
import type { CommandModule } from 'yargs';
// The api module is imported by the handler: a command loads only what it runs.
import { RockyError } from '../../errors/rocky-error.js';
import { EXIT, print, printJson, progress, renderDiagnostic, reportError, type GlobalArgs } from '../output.js';
import type { CompileResult } from '../../api/compile.js';

interface Args extends GlobalArgs { watch?: boolean }

export const compileCommand: CommandModule<GlobalArgs, Args> = {
  command: 'compile',
  describe: 'Parse, resolve and type every model; write the plan (recorded for the commit when the work tree is clean)',
  builder: (y) => y.option('watch', { type: 'boolean', describe: 'stay running and recompile on every change to rocky.yaml, sources.yaml or models/ (--json: one line per compile)' }),
  handler: async (args) => {
    if (args.watch) return watchCompile(args);
    const { compile } = await import('../../api/compile.js');
    const r = await compile({ cwd: process.cwd(), onProgress: (line) => progress(args, line) });
    const errors = r.diagnostics.filter((d) => d.severity === 'error').length;
    if (errors) process.exitCode = EXIT.failed;
    if (args.json) return printJson({ plan: r.plan, models: r.models, diagnostics: r.diagnostics, parse_cache: r.parse_cache, compile_cache: r.compile_cache, incremental: r.incremental, recorded_for: r.recorded_for });
    for (const d of r.diagnostics) process.stderr.write(`${renderDiagnostic(d)}\n`);
    if (errors) return void process.stderr.write(`compile failed: ${errors} error(s)\n`);
    print(`compiled ${r.model_count} models (${reuseLine(r)}): plan ${r.plan}`);
    if (r.recorded_for) print(`recorded for commit ${r.recorded_for.slice(0, 12)} (refs/rocky/plans)`);
  },
};

async function watchCompile(args: Args): Promise<void> {
  const { compileWatch } = await import('../../api/compile-watch.js');
  const stop = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => stop.abort());
  await compileWatch({
    cwd: process.cwd(),
    signal: stop.signal,
    onCompile: (r) => {
      const errors = r.diagnostics.filter((d) => d.severity === 'error').length;
      if (args.json) {
        // One line per compile (the model list is left out: thousands of models per line).
        process.stdout.write(`${JSON.stringify({
          plan: r.plan, model_count: r.model_count, diagnostics: r.diagnostics, parse_cache: r.parse_cache,
          compile_cache: r.compile_cache, incremental: r.incremental, recorded_for: r.recorded_for, ms: r.ms, changed: r.changed,
        })}\n`);
        return;
      }
      for (const d of r.diagnostics) process.stderr.write(`${renderDiagnostic(d)}\n`);
      const what = r.changed.length ? `${r.changed.join(', ')} changed: ` : '';
      if (errors) print(`${what}compile failed: ${errors} error(s); watching`);
      else print(`${what}compiled ${r.model_count} models${r.changed.length ? ` in ${r.ms} ms` : ''} (${reuseLine(r)}): plan ${r.plan}`);
    },
    // A compile that fails outright is reported and watching goes on; the exit code stays 0
    // (a watcher ends by being stopped). --json keeps one line per event.
    onError: (e) => {
      if (args.json) {
        const error = e instanceof RockyError ? { code: e.code, message: e.message } : { code: 'E_INTERNAL', message: (e as Error)?.message ?? String(e) };
        process.stdout.write(`${JSON.stringify({ error })}\n`);
      } else {
        reportError(args, e);
        process.exitCode = EXIT.ok;
      }
    },
  });
}

/** How much of the compile was reused, and from where (docs/compile.md). */
function reuseLine(r: CompileResult): string {
  if (r.incremental) return `incremental: ${r.compile_cache.compiled} compiled, ${r.compile_cache.reused} unchanged since the last compile`;
  return `${r.compile_cache.reused} unchanged from the compile cache, ${r.parse_cache.misses} parsed`;
}
