// yargs' failures rewritten into one message each: a flag named as typed and said once, a
// did-you-mean for commands, subcommands, flags and values, anything else passed through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usageMessage, type UsageContext } from '../../src/cli/usage-message.js';

const commands = new Map<string, string[]>([['compile', []], ['run', []], ['branch', ['create', 'list', 'show', 'delete']]]);
const ctx = (argv: string[], flags: string[] = [], choices: Record<string, unknown[]> = {}): UsageContext => ({ argv, commands, flags, choices });

test('unknown flags: named as typed, once, with the closest flag', () => {
  assert.equal(usageMessage('Unknown arguments: dry-run, dryRun', ctx(['run', '--dry-run'], ['branch', 'select', 'json'])), 'unknown flag --dry-run (git rocky run -h lists what it takes)');
  assert.equal(usageMessage('Unknown argument: wtach', ctx(['compile', '--wtach'], ['watch', 'json'])), 'unknown flag --wtach; did you mean --watch? (git rocky compile -h lists what it takes)');
  assert.equal(usageMessage('Unknown arguments: such-flag, suchFlag', ctx(['compile', '--no-such-flag'], ['watch'])), 'unknown flag --no-such-flag (git rocky compile -h lists what it takes)');
  assert.equal(usageMessage('Unknown argument: x', ctx(['run', '-x'], ['branch', 'b'])), 'unknown flag -x (git rocky run -h lists what it takes)');
});

test('unknown commands and subcommands get the closest one; extra words are unexpected', () => {
  assert.equal(usageMessage('Unknown argument: comple', ctx(['comple'])), "unknown command 'comple'; did you mean compile? (git rocky -h lists what it takes)");
  assert.equal(usageMessage('Unknown argument: x', ctx(['branch', 'crate', 'x'])), "unknown subcommand 'crate' of branch; did you mean branch create? (git rocky branch -h lists what it takes)");
  assert.equal(usageMessage('Unknown argument: extra', ctx(['branch', 'list', 'extra'])), "unexpected argument 'extra' (git rocky branch list -h lists what it takes)");
});

test('a value outside the choices lists them and suggests the closest', () => {
  const msg = 'Invalid values:\n  Argument: format, Given: "mermad", Choices: "text", "dot", "mermaid", "json"';
  assert.equal(usageMessage(msg, ctx(['lineage', 'a.b', '--format', 'mermad'], [], { format: ['text', 'dot', 'mermaid', 'json'] })), "invalid value 'mermad' for --format: one of text, dot, mermaid, json (did you mean mermaid?)");
  const none = 'Invalid values:\n  Argument: example, Given: "", Choices: "empty", "finance"';
  assert.equal(usageMessage(none, ctx(['init', '--example'], [], { example: ['empty', 'finance'] })), '--example needs a value: one of empty, finance');
});

test('missing arguments and anything unrecognised', () => {
  assert.equal(usageMessage('Not enough non-option arguments: got 0, need at least 1', ctx(['branch'])), 'name a subcommand of branch: create, list, show, delete');
  assert.equal(usageMessage('Not enough non-option arguments: got 0, need at least 1', ctx(['run'])), 'missing argument(s) of run (git rocky run -h shows the usage)');
  assert.equal(usageMessage('name a command (git rocky -h lists them)', ctx([])), 'name a command (git rocky -h lists them)');
});
