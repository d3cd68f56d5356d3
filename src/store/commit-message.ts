// Rocky commit messages and commit objects: a summary line, a blank line and `Rocky-*:` trailers
// (what `git log` shows as the audit trail and `git interpret-trailers` parses), with the actor
// as author and committer at the operation's time.
import { UsageError } from '../errors/usage-error.js';

export type Trailers = ReadonlyArray<readonly [string, string]>;

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/\0/g, '').trim();
}

export function buildMessage(summary: string, trailers: Trailers): string {
  const lines = trailers.map(([key, value]) => {
    if (/[\r\n\0]/.test(value)) throw new UsageError(`${key} must be a single line: ${JSON.stringify(value)}`);
    return `${key}: ${value}`;
  });
  return `${oneLine(summary) || '(no summary)'}\n\n${lines.join('\n')}\n`;
}

export interface ParsedMessage {
  readonly summary: string;
  /** Trailer values by key; the last occurrence wins. */
  readonly trailers: ReadonlyMap<string, string>;
}

export function parseMessage(message: string): ParsedMessage {
  const summary = message.split('\n', 1)[0] ?? '';
  const paragraphs = message.trimEnd().split(/\n\s*\n/);
  const trailers = new Map<string, string>();
  if (paragraphs.length > 1) {
    for (const line of (paragraphs[paragraphs.length - 1] ?? '').split('\n')) {
      const m = /^([A-Za-z0-9-]+):\s?(.*)$/.exec(line);
      if (m) trailers.set(m[1], m[2].trim());
    }
  }
  return { summary, trailers };
}

/** git's `<name> <email> <seconds> <+hhmm>` for an actor at an ISO time (its offset is kept). */
export function gitIdent(actor: string, isoTime: string): string {
  const ms = Date.parse(isoTime);
  if (Number.isNaN(ms)) throw new UsageError(`not an ISO time: ${JSON.stringify(isoTime)}`);
  const m = /([+-])(\d\d):?(\d\d)$/.exec(isoTime);
  const tz = m ? `${m[1]}${m[2]}${m[3]}` : '+0000';
  const clean = oneLine(actor).replace(/[<>]/g, '') || 'unknown';
  const name = clean.includes('@') ? clean.slice(0, clean.indexOf('@')) || clean : clean;
  return `${name} <${clean}> ${Math.floor(ms / 1000)} ${tz}`;
}

export function buildCommit(tree: string, parents: readonly string[], ident: string, message: string): Buffer {
  const header = [`tree ${tree}`, ...parents.map((p) => `parent ${p}`), `author ${ident}`, `committer ${ident}`];
  return Buffer.from(`${header.join('\n')}\n\n${message}`, 'utf8');
}
