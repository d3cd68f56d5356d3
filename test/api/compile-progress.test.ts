// compile reports progress as each phase ends (the CLI prints it on a terminal), and says so when
// it records the plan for a clean commit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../src/api/compile.js';
import { financeRepo } from '../helpers/temp-project.js';

test('compile reports each phase with its time, then the recording of the plan', async (t) => {
  const { dir, cleanup } = await financeRepo();
  t.after(cleanup);
  const lines: string[] = [];
  const r = await compile({ cwd: dir, onProgress: (l) => lines.push(l) });
  assert.ok(r.plan);
  const expected = [/^sources described \(\d+\.\d s\)$/, /^models parsed \(\d+\.\d s\)$/, /^names, types and lineage resolved \(\d+\.\d s\)$/, /^objects encoded \(\d+\.\d s\)$/, /^recording the plan for [0-9a-f]{12} \(\d+ objects\)$/];
  assert.equal(lines.length, expected.length, lines.join('\n'));
  lines.forEach((l, i) => assert.match(l, expected[i]));
  const again: string[] = [];
  await compile({ cwd: dir, onProgress: (l) => again.push(l) });
  assert.ok(!again.some((l) => l.startsWith('recording')), 'a recorded plan is not recorded again');
});
