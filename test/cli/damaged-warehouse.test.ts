// A damaged .rocky/warehouse.duckdb (truncated, overwritten): a typed error naming the file and
// the way out, never a raw engine error; the failed run is recorded; the way out works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { financeRepo, rocky } from '../helpers/temp-project.js';

const damages: [string, (file: string) => void][] = [
  ['truncated', (f) => truncateSync(f, 5000)],
  ['overwritten at its start', (f) => {
    const b = readFileSync(f);
    b.fill(0x41, 0, 4096);
    writeFileSync(f, b);
  }],
  // Opens fine: DuckDB finds the damage when it reads a block whose checksum fails.
  ['overwritten in its middle', (f) => {
    const b = readFileSync(f);
    b.fill(0x41, 300_000, b.length - 4096);
    writeFileSync(f, b);
  }],
];

for (const [what, damage] of damages) {
  test(`warehouse file ${what}: E_WAREHOUSE_DAMAGED names the file and the way out, the failed run is logged, moving it aside rebuilds`, async (t) => {
    const { dir, cleanup } = await financeRepo();
    t.after(cleanup);
    assert.equal(rocky(dir, 'run').status, 0);
    const file = join(dir, '.rocky', 'warehouse.duckdb');
    damage(file);
    // A changed model: the run has something to build, so it reads the warehouse.
    const model = join(dir, 'models', 'risk_flags.sql');
    writeFileSync(model, `${readFileSync(model, 'utf8')}\n-- changed\n`);

    const r = rocky(dir, 'run', '--json');
    assert.equal(r.status, 1, r.stderr);
    const error = JSON.parse(r.stdout).error as { code: string; message: string };
    assert.equal(error.code, 'E_WAREHOUSE_DAMAGED');
    assert.ok(error.message.includes(file), error.message);
    assert.match(error.message, /move it aside \(mv .*warehouse\.duckdb.*\.damaged'\), then run `git rocky run`/);
    assert.match(error.message, /recorded as failed in the env log/);
    const text = rocky(dir, 'run');
    assert.equal(text.status, 1);
    assert.doesNotMatch(text.stderr, /internal error|\n\s+at /i, 'no internal error, no stack trace');
    assert.match(text.stderr, /^git rocky: the warehouse file /m);

    const log = JSON.parse(rocky(dir, 'log', 'main', '--json').stdout) as { entries: { summary: string; env: string }[] };
    assert.equal(log.entries.length, 3, 'both failed runs are in the env log');
    assert.match(log.entries[0].summary, /FAILED: the warehouse file .* is damaged/);
    assert.equal(log.entries[0].env, log.entries[2].env, 'the environment did not change');
    assert.equal(rocky(dir, 'fsck').status, 0);

    renameSync(file, `${file}.damaged`);
    const again = rocky(dir, 'run', '--json');
    assert.equal(again.status, 0, again.stdout + again.stderr);
    assert.equal(JSON.parse(again.stdout).status, 'success');
  });
}
