// git rocky init [dir] [--example finance]
import type { CommandModule } from 'yargs';
// The api module is imported by the handler: a command loads only what it runs.
import { oneValue } from '../needs-value.js';
import { print, printJson, type GlobalArgs } from '../output.js';

interface Args extends GlobalArgs { dir?: string; example?: string }

const EXAMPLES = ['empty', 'finance'] as const;

export const initCommand: CommandModule<GlobalArgs, Args> = {
  command: 'init [dir]',
  describe: 'Scaffold a project (optionally the finance example) and a git repository if needed',
  builder: (y) => y.positional('dir', { type: 'string', describe: 'directory (default: here)' })
    // No `default:` for a flag that takes a value: yargs would take `--example` alone for it.
    .option('example', { type: 'string', choices: EXAMPLES, coerce: oneValue('example', EXAMPLES), defaultDescription: 'empty' }),
  handler: async (args) => {
    const { init } = await import('../../api/init.js');
    const r = await init({ cwd: process.cwd(), dir: args.dir, example: (args.example ?? 'empty') as 'empty' | 'finance' });
    if (args.json) return printJson(r);
    print(`created a rocky project in ${r.root} (${r.files.length} files${r.git_initialized ? ', new git repository' : ''})`);
    print('next: git add -A && git commit -m "rocky project" && git rocky run');
  },
};
