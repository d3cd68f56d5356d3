// Runs the shared column-lineage checker (scripts/lineage/run-cases.py, a verbatim copy) against
// the shared cases and the repository's own (fixtures/lineage/constructs.yaml) with the built
// CLI. It needs a python3 with PyYAML: the first of `python3` on PATH and the system's that has
// it. Without one the tests are skipped, unless ROCKY_LINEAGE_CHECKER=required (CI sets it, after
// installing python3-yaml where it is missing): then they fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { CLI } from '../helpers/temp-project.js';

const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import yaml'], { encoding: 'utf8' }).status === 0);
const required = process.env.ROCKY_LINEAGE_CHECKER === 'required';
const skip = python || required ? false : 'no python3 with PyYAML (python3-yaml) here';

function runCases(file: string): void {
  assert.ok(python, 'ROCKY_LINEAGE_CHECKER=required, and no python3 here has PyYAML (python3-yaml)');
  const r = spawnSync(python, ['scripts/lineage/run-cases.py', file, '--cli', `"${process.execPath}" "${CLI}"`], { encoding: 'utf8', timeout: 600_000 });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /^\d+ passed, 0 failed$/m);
}

test('the shared lineage cases pass', { skip }, () => runCases('fixtures/lineage/cases.yaml'));

// GROUPING SETS / ROLLUP / CUBE, recursive CTEs and COLUMNS(...), in the shared format.
test("this repository's construct cases pass", { skip }, () => runCases('fixtures/lineage/constructs.yaml'));
