// git rocky replay <run-cid|latest> [--branch b] [--json]
import type { CommandModule } from 'yargs';
// The api module is imported by the handler: a command loads only what it runs.
import { oneValue } from '../needs-value.js';
import { EXIT, print, printJson, progress, type GlobalArgs } from '../output.js';

interface Args extends GlobalArgs { run: string; branch?: string }

export const replayCommand: CommandModule<GlobalArgs, Args> = {
  command: 'replay <run>',
  describe: 'Re-execute a recorded run from its pinned plan and inputs and prove the outputs match',
  builder: (y) => y
    .positional('run', { type: 'string', demandOption: true, describe: "a run manifest CID, or 'latest'" })
    .option('branch', { alias: 'b', type: 'string', coerce: oneValue('branch'), describe: "branch whose history 'latest' refers to (default: the current git branch)" }),
  handler: async (args) => {
    const { replay } = await import('../../api/replay.js');
    const r = await replay({
      cwd: process.cwd(), run: args.run, branch: args.branch, onWait: (m) => progress(args, m),
      onModel: (v, i, n) => progress(args, `[${i}/${n}] ${v.name.padEnd(28)} ${v.verdict}`),
    });
    if (r.verdict !== 'bit_exact') process.exitCode = EXIT.failed;
    if (args.json) {
      const { run, ...rest } = r;
      return printJson({ manifest: run, ...rest });
    }
    print(`replay of ${r.run}: ${r.verdict}`);
    for (const m of r.models) {
      const detail = m.verdict === 'diverged'
        ? ` (${m.only_in_recorded ?? '?'} rows only in the recorded output, ${m.only_in_replay ?? '?'} only in the replay)${m.reason ? `; ${m.reason}` : ''}`
        : m.reason ? ` (${m.reason})` : '';
      print(`  ${m.name.padEnd(28)} ${m.verdict}${detail}`);
    }
    if (r.warehouse_version.recorded !== r.warehouse_version.current) print(`note: recorded with DuckDB ${r.warehouse_version.recorded}, replayed with ${r.warehouse_version.current}; row hashes are only comparable within one version`);
  },
};
