// git rocky branch create|list|show|delete
import type { Argv, CommandModule } from 'yargs';
import type { Defer } from '../defer.js';
import { oneValue } from '../needs-value.js';
import { print, printJson, progress, type GlobalArgs } from '../output.js';

interface Args extends GlobalArgs { name?: string; from?: string; force?: boolean }

const create: CommandModule<GlobalArgs, Args> = {
  command: 'create <name>',
  describe: 'Create a branch: git branch, env ref and a schema of views on the from-branch (no data copied)',
  builder: (y) => y.positional('name', { type: 'string', demandOption: true }).option('from', { type: 'string', defaultDescription: 'main', coerce: oneValue('from'), describe: 'branch to start from' }),
  handler: async (args) => {
    const { createBranch } = await import('../../api/branch.js');
    const r = await createBranch({ cwd: process.cwd(), name: args.name as string, from: args.from, onWait: (m) => progress(args, m) });
    if (args.json) return printJson({ branch: r.branch, from: r.from, commit: r.commit, schema: r.schema, model_count: r.models });
    print(`created branch ${r.branch} from ${r.from}: schema ${r.schema}, ${r.models} models as views (no data copied)`);
  },
};

const list: CommandModule<GlobalArgs, Args> = {
  command: 'list',
  describe: 'List branches that have an environment',
  handler: async (args) => {
    const { listBranches } = await import('../../api/branch.js');
    const r = await listBranches({ cwd: process.cwd() });
    if (args.json) return printJson({ branches: r.map(({ models, ...b }) => ({ ...b, model_count: models })) });
    if (!r.length) return print('no environments yet (git rocky run)');
    for (const b of r) print(`${b.branch.padEnd(32)} ${b.schema.padEnd(40)} ${String(b.models).padStart(5)} models  ${b.last_op.op} ${b.last_op.time}`);
  },
};

const show: CommandModule<GlobalArgs, Args> = {
  command: 'show <name>',
  describe: "Show a branch's environment: schema, base, models, last run",
  builder: (y) => y.positional('name', { type: 'string', demandOption: true }),
  handler: async (args) => {
    const { showBranch } = await import('../../api/branch.js');
    const r = await showBranch({ cwd: process.cwd(), name: args.name as string });
    if (args.json) {
      const { models, model_tables: tables, last_run: manifest, ...b } = r;
      return printJson({ ...b, manifest, model_count: models, models: tables });
    }
    print(`branch   ${r.branch}\nschema   ${r.schema}\nbase     ${r.base ?? '-'}\nenv      ${r.env} (commit ${r.commit.slice(0, 12)})\nlast op  ${r.last_op.op} by ${r.last_op.actor} at ${r.last_op.time}: ${r.last_op.summary}\nlast run ${r.last_run ?? '-'}\nmodels   ${r.models}`);
    for (const m of r.model_tables) print(`  ${m.name.padEnd(28)} ${m.table}  ${m.rows ?? '?'} rows`);
  },
};

const remove: CommandModule<GlobalArgs, Args> = {
  command: 'delete <name>',
  describe: "Delete a branch's environment: its schema, env ref and the tables no other environment uses",
  builder: (y) => y.positional('name', { type: 'string', demandOption: true }).option('force', { type: 'boolean', default: false, describe: 'allow deleting main' }),
  handler: async (args) => {
    const { deleteBranch } = await import('../../api/branch.js');
    const r = await deleteBranch({ cwd: process.cwd(), name: args.name as string, force: args.force, onWait: (m) => progress(args, m) });
    if (args.json) return printJson(r);
    print(`deleted environment of ${r.branch}: schema ${r.schema} dropped, ${r.dropped_tables.length} physical tables no longer used dropped`);
  },
};

export const branchSubcommands = [create, list, show, remove] as const;

export function branchCommand(defer: Defer): CommandModule<GlobalArgs, GlobalArgs> {
  return {
    command: 'branch <command>',
    describe: 'Create, list, show and delete branch environments',
    builder: (y: Argv<GlobalArgs>) => y.command(defer(create)).command(defer(list)).command(defer(show)).command(defer(remove)).demandCommand(1),
    handler: () => undefined,
  };
}
