// git rocky compile [--json]
import type { CommandModule } from 'yargs';
// The api module is imported by the handler: a command loads only what it runs.
import { EXIT, print, printJson, renderDiagnostic, type GlobalArgs } from '../output.js';

export const compileCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'compile',
  describe: 'Parse, resolve and type every model; write the plan (recorded for the commit when the work tree is clean)',
  handler: async (args) => {
    const { compile } = await import('../../api/compile.js');
    const r = await compile({ cwd: process.cwd() });
    const errors = r.diagnostics.filter((d) => d.severity === 'error').length;
    if (errors) process.exitCode = EXIT.failed;
    if (args.json) return printJson({ plan: r.plan, models: r.models, diagnostics: r.diagnostics, parse_cache: r.parse_cache, compile_cache: r.compile_cache });
    for (const d of r.diagnostics) process.stderr.write(`${renderDiagnostic(d)}\n`);
    if (errors) return void process.stderr.write(`compile failed: ${errors} error(s)\n`);
    print(`compiled ${r.models.length} models (${r.compile_cache.reused} unchanged from the compile cache, ${r.parse_cache.misses} parsed): plan ${r.plan}`);
    if (r.recorded_for) print(`recorded for commit ${r.recorded_for.slice(0, 12)} (refs/rocky/plans)`);
  },
};
