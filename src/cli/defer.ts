// Parse first, act after: yargs calls a command's handler from inside its parse, and a failure
// it reports later (an unknown flag found after the handler started) would come too late. Each
// handler given to yargs only records what to run; main.ts runs it once the whole command line
// has been parsed and validated.
import type { CommandModule } from 'yargs';
import type { GlobalArgs } from './output.js';

/** What the parse chose to run, filled in by the deferred handler yargs calls. */
export interface Chosen { run: (() => void | Promise<void>) | null }

export type Defer = <A extends GlobalArgs>(m: CommandModule<GlobalArgs, A>) => CommandModule<GlobalArgs, A>;

export function deferInto(chosen: Chosen): Defer {
  return (m) => ({ ...m, handler: (args) => { chosen.run = () => m.handler(args); } });
}
