#!/usr/bin/env node
// The git-rocky executable: `git rocky <command>` runs this with the arguments unchanged.
// A thin client of api/: parse flags, call the operation, render, set the exit code.
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { branchCommand } from './commands/branch.js';
import { compileCommand } from './commands/compile.js';
import { fsckCommand } from './commands/fsck.js';
import { initCommand } from './commands/init.js';
import { lineageCommand } from './commands/lineage.js';
import { lineageDiffCommand } from './commands/lineage-diff.js';
import { logCommand } from './commands/log.js';
import { replayCommand } from './commands/replay.js';
import { runCommand } from './commands/run.js';
import { showCommand } from './commands/show.js';
import { EXIT, reportError, type GlobalArgs } from './output.js';
import { bundledVersion } from '../util/in-bundle.js';

// `git rocky show <cid> | head`: a reader that stops early is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const argv = hideBin(process.argv);
const wantsJson = argv.includes('--json');
const wantsDebug = argv.includes('--debug');

const args: GlobalArgs = { json: wantsJson, debug: wantsDebug };
// A function rather than top-level await: the single-file build is CommonJS (see
// scripts/build-bundle.mjs), which has none.
async function main(): Promise<void> {
  const cli = yargs(argv);
  if (bundledVersion !== null) cli.version(bundledVersion);
  await cli
    .scriptName('git rocky')
    .usage('$0 <command> [options]\n\nSQL models, plans and run manifests as content-addressed objects in git;\nbranchable DuckDB environments; verified replay.')
    .option('json', { type: 'boolean', global: true, describe: 'machine-readable output on stdout' })
    .option('debug', { type: 'boolean', global: true, describe: 'stack traces on errors' })
    .command(initCommand)
    .command(compileCommand)
    .command(runCommand)
    .command(branchCommand)
    .command(replayCommand)
    .command(showCommand)
    .command(logCommand)
    .command(fsckCommand)
    .command(lineageCommand)
    .command(lineageDiffCommand)
    .demandCommand(1, 'name a command (git rocky -h lists them)')
    .strict()
    .alias('h', 'help')
    .alias('V', 'version')
    .epilogue('Exit status: 0 ok; 1 compile, run or replay failure; 2 usage or not found; 3 conflict (a concurrent writer won; nothing changed).')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      // Errors from handlers are rethrown and reported once, below; msg-only failures are usage.
      if (err) throw err;
      process.exitCode = EXIT.usage;
      if (wantsJson) process.stdout.write(`${JSON.stringify({ error: { code: 'E_USAGE', message: msg } })}\n`);
      else process.stderr.write(`git rocky: ${msg}\n(git rocky -h for help)\n`);
    })
    .parseAsync();
}

main().catch((e: unknown) => reportError(args, e));
