// git rocky lineage-diff <base> [<head>] [--format markdown|json] [--fail-on-breaking]
import type { CommandModule } from 'yargs';
// The api module is imported by the handler: a command loads only what it runs.
import { oneValue } from '../needs-value.js';
import { EXIT, printJson, type GlobalArgs } from '../output.js';

interface LineageDiffArgs extends GlobalArgs {
  readonly base: string;
  readonly head?: string;
  readonly format?: 'markdown' | 'json';
  readonly 'fail-on-breaking'?: boolean;
}

const FORMATS = ['markdown', 'json'] as const;

export const lineageDiffCommand: CommandModule<GlobalArgs, LineageDiffArgs> = {
  command: 'lineage-diff <base> [head]',
  describe: 'Compare column lineage between two revisions (head defaults to the work tree); flag breaking changes',
  builder: (y) => y
    .positional('base', { type: 'string', demandOption: true, describe: 'git revision to compare from' })
    .positional('head', { type: 'string', describe: 'git revision to compare to (default: the work tree)' })
    // No `default:`: yargs would take `--format` alone for it.
    .option('format', { type: 'string', choices: FORMATS, coerce: oneValue('format', FORMATS), defaultDescription: 'markdown', describe: 'output format (--json is --format json)' })
    .option('fail-on-breaking', { type: 'boolean', describe: 'exit 1 when a change is breaking' }),
  handler: async (args) => {
    const { lineageDiff } = await import('../../api/lineage-diff.js');
    const { renderLineageDiffMarkdown } = await import('../../api/lineage-render.js');
    const diff = await lineageDiff({ cwd: process.cwd(), base: args.base, head: args.head });
    // The names of models and columns are `name`, as in every other command's JSON.
    if (args.json || args.format === 'json') {
      printJson({ ...diff, models: diff.models.map(({ model, columns, ...m }) => ({ name: model, ...m, columns: columns.map(({ column, ...c }) => ({ name: column, ...c })) })) });
    }
    else process.stdout.write(renderLineageDiffMarkdown(diff));
    if (args['fail-on-breaking'] && diff.breaking) process.exitCode = EXIT.failed;
  },
};
