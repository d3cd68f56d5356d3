// git rocky fsck [--json]
import type { CommandModule } from 'yargs';
// The api module is imported by the handler: a command loads only what it runs.
import { EXIT, print, printJson, type GlobalArgs } from '../output.js';

export const fsckCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'fsck',
  describe: 'Check every commit of every refs/rocky/* ref: re-hash each object, check its CID and links',
  handler: async (args) => {
    const { fsck } = await import('../../api/fsck.js');
    const r = await fsck({ cwd: process.cwd() });
    if (r.problems.length) process.exitCode = EXIT.failed;
    if (args.json) return printJson({ ok: r.problems.length === 0, ...r });
    for (const p of r.problems) {
      const where = [p.ref, p.commit && `commit ${p.commit}`, p.object && p.object !== p.commit && `object ${p.object}`].filter(Boolean).join(', ');
      process.stderr.write(`${where}: ${p.problem}\n`);
    }
    print(`${r.objects} objects in ${r.commits} commits of ${r.refs} refs checked, ${r.problems.length} problem(s)`);
  },
};
