#!/usr/bin/env node
// The git-rocky executable: `git rocky <command>` runs this with the arguments unchanged.
// A thin client of api/: parse flags, call the operation, render, set the exit code.
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import type { CommandModule } from 'yargs';
import { branchCommand, branchSubcommands } from './commands/branch.js';
import { compileCommand } from './commands/compile.js';
import { fsckCommand } from './commands/fsck.js';
import { initCommand } from './commands/init.js';
import { lineageCommand } from './commands/lineage.js';
import { lineageDiffCommand } from './commands/lineage-diff.js';
import { logCommand } from './commands/log.js';
import { replayCommand } from './commands/replay.js';
import { runCommand } from './commands/run.js';
import { showCommand } from './commands/show.js';
import { deferInto, type Chosen } from './defer.js';
import { reportError, type GlobalArgs } from './output.js';
import { usageMessage, type CommandTable } from './usage-message.js';
import { UsageError } from '../errors/usage-error.js';
import { bundledVersion } from '../util/in-bundle.js';

// `git rocky show <cid> | head`: a reader that stops early is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const argv = hideBin(process.argv);
// Known before parsing, so that even a usage error comes out as the JSON document asked for
// (`--format json` of lineage and lineage-diff asks for it too).
const wantsJson = argv.includes('--json') || argv.includes('--format=json') || argv.some((a, i) => a === '--format' && argv[i + 1] === 'json');
const wantsDebug = argv.includes('--debug');

const args: GlobalArgs = { json: wantsJson, debug: wantsDebug };
// A promise nobody awaited that fails is still reported once, the user's way, without Node's
// stack trace unless --debug.
process.on('unhandledRejection', (e) => reportError(args, e));
// A function rather than top-level await: the single-file build is CommonJS (see
// scripts/build-bundle.mjs), which has none.
async function main(): Promise<void> {
  const chosen: Chosen = { run: null };
  const defer = deferInto(chosen);
  const branch = branchCommand(defer);
  const commands = [
    defer(initCommand), defer(compileCommand), defer(runCommand), branch, defer(replayCommand), defer(showCommand),
    defer(logCommand), defer(fsckCommand), defer(lineageCommand), defer(lineageDiffCommand),
  ] as CommandModule<GlobalArgs, GlobalArgs>[];
  const table: CommandTable = new Map(commands.map((m) => [firstWord(m.command), m === branch ? branchSubcommands.map((b) => firstWord(b.command)) : []]));
  const cli = yargs(argv);
  if (bundledVersion !== null) cli.version(bundledVersion);
  // yargs' messages in English whatever the locale: usage-message.ts rewrites them by their form.
  cli.locale('en');
  for (const c of commands) cli.command(c);
  await cli
    .scriptName('git rocky')
    .usage('$0 <command> [options]\n\nSQL models, plans and run manifests as content-addressed objects in git;\nbranchable DuckDB environments; verified replay.')
    .option('json', { type: 'boolean', global: true, describe: 'machine-readable output on stdout' })
    .option('debug', { type: 'boolean', global: true, describe: 'stack traces on errors' })
    .demandCommand(1, 'name a command (git rocky -h lists them)')
    .strict()
    .alias('h', 'help')
    .alias('V', 'version')
    .epilogue('Exit status: 0 ok; 1 compile, run or replay failure; 2 usage or not found; 3 conflict (a concurrent writer won; nothing changed).')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      // Thrown, so yargs stops at the first failure and no handler runs; reported once, below.
      // yargs rewraps what a flag's coerce throws (whole-number.ts) as its own YError.
      if (err && !(err instanceof UsageError) && err.name !== 'YError') throw err;
      if (err) msg = err.message;
      // The options of the command being parsed: yargs reuses one instance for each command.
      const options = (cli as unknown as { getOptions(): { key: Record<string, unknown>; alias: Record<string, string[]>; choices: Record<string, unknown[]> } }).getOptions();
      const flags = [...Object.keys(options.key), ...Object.values(options.alias).flat()].filter((f) => !/[A-Z]/.test(f));
      throw new UsageError(usageMessage(msg, { argv, commands: table, flags, choices: options.choices }));
    })
    .parseAsync();
  // Only now, with the whole command line parsed and valid, does the command act.
  if (chosen.run) await chosen.run();
}

function firstWord(command: string | readonly string[] | undefined): string {
  return String(Array.isArray(command) ? command[0] : command).split(' ')[0];
}

main().catch((e: unknown) => reportError(args, e));
