// Turns yargs' validation failures into one usage message each, with a did-you-mean for a
// misspelt command, subcommand, flag or value. yargs runs in English (main.ts sets the locale), so
// its messages have a fixed form; one that is not recognised passes through unchanged.
import { didYouMean } from '../util/did-you-mean.js';

/** The commands as the user types them: top-level name -> its subcommands (empty if none). */
export type CommandTable = ReadonlyMap<string, readonly string[]>;

export interface UsageContext {
  /** The arguments as given (after `git rocky`). */
  readonly argv: readonly string[];
  readonly commands: CommandTable;
  /** The flags the failing command knows, long names and aliases, without dashes. */
  readonly flags: readonly string[];
  /** The allowed values of each flag that has choices. */
  readonly choices: Readonly<Record<string, readonly unknown[]>>;
}

export function usageMessage(msg: string, c: UsageContext): string {
  const words = c.argv.filter((a) => !a.startsWith('-'));
  const path = commandPath(words, c.commands);
  const help = `git rocky ${path.length ? `${path.join(' ')} ` : ''}-h`;

  const unknown = /^Unknown arguments?: ([^]*)$/.exec(msg);
  if (unknown) {
    // `branch crate x`: yargs takes `crate` as branch's <command> and reports `x`.
    const subs = path.length === 1 ? c.commands.get(path[0]) ?? [] : [];
    if (subs.length && words[1] !== undefined) return `${unknownWord(words[1], path, c.commands)} (${help} lists what it takes)`;
    const names = dropCamelTwins(unknown[1].split(', ').map((s) => s.replace(/^"(.*)"$/, '$1')));
    const parts = names.map((n) => (isFlag(n, c.argv) ? unknownFlag(n, c.flags, c.argv) : unknownWord(n, path, c.commands)));
    return `${parts.join('; ')} (${help} lists what it takes)`;
  }
  const invalid = /^Invalid values:\s*\n\s*Argument: ([^,]+), Given: (.*), Choices: (.*)$/m.exec(msg);
  if (invalid) {
    const [, flag, given] = invalid;
    const allowed = (c.choices[flag] ?? []).map(String);
    const value = given.replace(/^"(.*)"$/, '$1');
    if (value === '') return `--${flag} needs a value: one of ${allowed.join(', ')}`;
    const guess = didYouMean(value, allowed);
    return `invalid value '${value}' for --${flag}: one of ${allowed.join(', ')}${guess ? ` (did you mean ${guess}?)` : ''}`;
  }
  const few = /^Not enough non-option arguments: got (\d+), need at least (\d+)$/.exec(msg);
  if (few) {
    const subs = path.length ? c.commands.get(path[0]) ?? [] : [];
    if (path.length === 1 && subs.length) return `name a subcommand of ${path[0]}: ${subs.join(', ')}`;
    return `missing argument(s) of ${path.join(' ') || 'git rocky'} (${help} shows the usage)`;
  }
  return msg;
}

/** The command words that name known commands: `branch create` for `branch create x --y`. */
function commandPath(words: readonly string[], commands: CommandTable): string[] {
  const top = words[0];
  if (top === undefined || !commands.has(top)) return [];
  const sub = words[1];
  return sub !== undefined && (commands.get(top) ?? []).includes(sub) ? [top, sub] : [top];
}

/** yargs reports `--dry-run` as both `dry-run` and `dryRun`: one name, said once. */
function dropCamelTwins(names: readonly string[]): string[] {
  const kebabToCamel = (s: string): string => s.replace(/-([a-z])/g, (_, ch: string) => ch.toUpperCase());
  const camels = new Set(names.filter((n) => n.includes('-')).map(kebabToCamel));
  return [...new Set(names.filter((n) => !camels.has(n) || n.includes('-')))];
}

function isFlag(name: string, argv: readonly string[]): boolean {
  return argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`) || a === `--no-${name}` || (name.length === 1 && /^-[^-]/.test(a) && a.includes(name)));
}

function unknownFlag(name: string, flags: readonly string[], argv: readonly string[]): string {
  // yargs reads `--no-x` as x = false and reports `x`: name the flag as it was typed.
  const negated = !argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`)) && argv.some((a) => a === `--no-${name}` || a.startsWith(`--no-${name}=`));
  const dash = name.length === 1 ? '-' : negated ? '--no-' : '--';
  const guess = didYouMean(name, flags.filter((f) => f.length > 1));
  return `unknown flag ${dash}${name}${guess ? `; did you mean --${guess}?` : ''}`;
}

function unknownWord(word: string, path: readonly string[], commands: CommandTable): string {
  if (path.length === 0) {
    const guess = didYouMean(word, commands.keys());
    return `unknown command '${word}'${guess ? `; did you mean ${guess}?` : ''}`;
  }
  const subs = commands.get(path[0]) ?? [];
  if (path.length === 1 && subs.length) {
    const guess = didYouMean(word, subs);
    return `unknown subcommand '${word}' of ${path[0]}${guess ? `; did you mean ${path[0]} ${guess}?` : ''}`;
  }
  return `unexpected argument '${word}'`;
}
