// git rocky show <cid> [--json]
import type { CommandModule } from 'yargs';
// The api module is imported by the handler: a command loads only what it runs.
import { printJson, type GlobalArgs } from '../output.js';

interface Args extends GlobalArgs { cid: string }

export const showCommand: CommandModule<GlobalArgs, Args> = {
  command: 'show <cid>',
  describe: 'Print a stored object (plan, compiled model, manifest, env, ...) as JSON',
  builder: (y) => y.positional('cid', { type: 'string', demandOption: true }),
  handler: async (args) => {
    const { show } = await import('../../api/show.js');
    // An object is data: it prints as JSON whether or not --json is given.
    printJson(await show({ cwd: process.cwd(), cid: args.cid }));
  },
};
