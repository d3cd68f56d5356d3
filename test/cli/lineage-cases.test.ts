// Runs the shared column-lineage checker (scripts/lineage/run-cases.py, a verbatim copy) against
// the shared cases and the repository's own (fixtures/lineage/constructs.yaml) with the built CLI. Skips only when python3 or PyYAML is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { CLI } from '../helpers/temp-project.js';

const probe = spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' });
const skip = probe.error ? 'python3 is not installed' : probe.status !== 0 ? "python3's yaml module (PyYAML) is not installed" : false;

function runCases(file: string): void {
  const r = spawnSync('python3', ['scripts/lineage/run-cases.py', file, '--cli', `"${process.execPath}" "${CLI}"`], { encoding: 'utf8', timeout: 600_000 });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /^\d+ passed, 0 failed$/m);
}

test('the shared lineage cases pass', { skip }, () => runCases('fixtures/lineage/cases.yaml'));

// GROUPING SETS / ROLLUP / CUBE, recursive CTEs and COLUMNS(...), in the shared format.
test("this repository's construct cases pass", { skip }, () => runCases('fixtures/lineage/constructs.yaml'));
