// git rocky log [<branch>] [--json]
import type { CommandModule } from 'yargs';
// The api module is imported by the handler: a command loads only what it runs.
import { wholeNumber } from '../whole-number.js';
import { print, printJson, type GlobalArgs } from '../output.js';

interface Args extends GlobalArgs { branch?: string; limit?: number }

export const logCommand: CommandModule<GlobalArgs, Args> = {
  command: 'log [branch]',
  describe: "The operations on a branch's environment: op, actor, time, code commit, manifest, summary",
  builder: (y) => y.positional('branch', { type: 'string' }).option('limit', { alias: 'n', type: 'string', coerce: wholeNumber('limit'), describe: 'at most this many entries' }),
  handler: async (args) => {
    const { log } = await import('../../api/log.js');
    const r = await log({ cwd: process.cwd(), branch: args.branch, limit: args.limit });
    if (args.json) return printJson(r);
    for (const e of r.entries) {
      print(`${e.commit.slice(0, 12)} ${e.time} ${e.op.padEnd(7)} ${e.actor}  code ${e.code ? e.code.slice(0, 12) : 'none'}  manifest ${e.manifest ?? 'none'}`);
      print(`    ${e.summary}`);
    }
  },
};
