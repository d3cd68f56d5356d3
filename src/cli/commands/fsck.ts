// git rocky fsck [--json]
import type { CommandModule } from 'yargs';
// The api module is imported by the handler: a command loads only what it runs.
import { EXIT, print, printJson, type GlobalArgs } from '../output.js';

export const fsckCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'fsck',
  describe: 'Re-hash every object reachable from refs/rocky/* and check its CID and links',
  handler: async (args) => {
    const { fsck } = await import('../../api/fsck.js');
    const r = await fsck({ cwd: process.cwd() });
    if (r.problems.length) process.exitCode = EXIT.failed;
    if (args.json) return printJson({ ok: r.problems.length === 0, ...r });
    for (const p of r.problems) process.stderr.write(`bad object ${p.cid} (${p.ref}): ${p.problem}\n`);
    print(`${r.objects} objects checked, ${r.problems.length} problem(s)`);
  },
};
