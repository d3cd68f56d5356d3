// git rocky lineage <model>[.<column>] [--downstream] [--depth N] [--json | --format text|dot|mermaid]
import type { CommandModule } from 'yargs';
// The api module is imported by the handler: a command loads only what it runs.
import { oneValue } from '../needs-value.js';
import { wholeNumber } from '../whole-number.js';
import { printJson, type GlobalArgs } from '../output.js';

interface LineageArgs extends GlobalArgs {
  readonly target: string;
  readonly downstream?: boolean;
  readonly depth?: number;
  readonly format?: 'text' | 'dot' | 'mermaid' | 'json';
}

const FORMATS = ['text', 'dot', 'mermaid', 'json'] as const;

export const lineageCommand: CommandModule<GlobalArgs, LineageArgs> = {
  command: 'lineage <target>',
  describe: 'Trace a column (<model>.<column>, or every column of <model>) to its sources, or --downstream to its consumers',
  builder: (y) => y
    .positional('target', { type: 'string', demandOption: true, describe: '<model>[.<column>]' })
    .option('downstream', { type: 'boolean', describe: 'trace consumers instead of inputs' })
    .option('depth', { type: 'string', coerce: wholeNumber('depth'), describe: 'follow at most N edges' })
    // No `default:`: yargs would take `--format` alone for it.
    .option('format', { type: 'string', choices: FORMATS, coerce: oneValue('format', FORMATS), defaultDescription: 'text', describe: 'output format (--json is --format json)' }),
  handler: async (args) => {
    const { lineage } = await import('../../api/lineage.js');
    const { renderLineage } = await import('../../api/lineage-render.js');
    const r = await lineage({ cwd: process.cwd(), target: args.target, downstream: args.downstream, depth: args.depth });
    if (args.json || args.format === 'json') {
      // Exactly the documented shape: no extra fields, so scripts can rely on it.
      return printJson({ column: r.column, direction: r.direction, edges: r.edges.map((e) => ({ from: e.from, to: e.to, type: e.type, subtype: e.subtype, masking: e.masking })) });
    }
    process.stdout.write(renderLineage(r, args.format ?? 'text'));
  },
};
