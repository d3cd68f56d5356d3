// git rocky run [--branch b] [--select model[+]] [--rebuild model[+]] [--json]
import type { CommandModule } from 'yargs';
// The api module is imported by the handler: a command loads only what it runs.
import { oneValue, someValues } from '../needs-value.js';
import { EXIT, print, printJson, progress, type GlobalArgs } from '../output.js';

interface Args extends GlobalArgs { branch?: string; select?: string[]; rebuild?: string[] }

export const runCommand: CommandModule<GlobalArgs, Args> = {
  command: 'run',
  describe: "Build what changed on a branch's environment and record the run",
  builder: (y) => y
    .option('branch', { alias: 'b', type: 'string', coerce: oneValue('branch'), describe: 'branch whose environment to run (default: the current git branch)' })
    .option('select', { alias: 's', type: 'array', string: true, coerce: someValues('select'), describe: 'only these models; model+ adds everything downstream' })
    .option('rebuild', { type: 'array', string: true, coerce: someValues('rebuild'), describe: 'build these models again even if nothing they read changed (model+ adds everything downstream); they join the selection' }),
  handler: async (args) => {
    const { run } = await import('../../api/run.js');
    const r = await run({
      cwd: process.cwd(), branch: args.branch, select: args.select ?? null, rebuild: args.rebuild ?? null,
      onWait: (m) => progress(args, m),
      onProgress: (p) => progress(args, `[${p.index}/${p.total}] ${p.name.padEnd(28)} ${p.status.padEnd(8)} ${p.ms} ms${p.error ? `  ${p.error}` : ''}`),
    });
    if (r.status !== 'success') process.exitCode = EXIT.failed;
    // A column named with its model is `<model>.<column>` in every output (docs/json-output.md).
    const warnings = r.warnings.map((w) => ({ code: w.code, column: `${w.model}.${w.column}`, compiled: w.compiled, built: w.built, message: w.message }));
    if (args.json) {
      return printJson({
        manifest: r.run, branch: r.branch, commit: r.commit, status: r.status,
        models: r.models, warnings,
      });
    }
    for (const w of warnings) process.stderr.write(`warning: ${w.message}\n`);
    const count = (s: string): number => r.models.filter((m) => m.status === s).length;
    print(`run ${r.run} on ${r.branch}: ${count('built')} built, ${count('reused')} reused, ${count('failed')} failed, ${count('skipped')} skipped`);
    for (const m of r.models.filter((x) => x.status === 'failed')) process.stderr.write(`failed: ${m.name}: ${m.error}\n`);
    if (r.status !== 'success') process.stderr.write('the environment was left as it was; the failed run is recorded (git rocky log)\n');
  },
};
