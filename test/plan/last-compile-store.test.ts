// The record's base and journal: what is loaded is always exactly what was saved last, or an
// older whole record, never a mix; small changes go to the journal, large ones to a new base.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LastCompileStore } from '../../src/plan/last-compile-store.js';
import { filesOf, lastColumnsText, type LastCompile, type LastModel } from '../../src/plan/last-compile.js';
import type { Cid } from '../../src/objects/ids.js';

const ENGINE = 'duckdb 1 test';
const N = 50;

function record(): LastCompile {
  const models: LastModel[] = Array.from({ length: N }, (_, i) => [`m${i}`, `bafy${i}` as Cid, `models/m${i}.sql`, i > 0 ? `m${i - 1}` : '', lastColumnsText([{ name: 'id', type: 'BIGINT', classification: [] }])]);
  const stamps = Float64Array.from({ length: 4 * N }, (_, i) => 1763697233123.25 + i);
  return {
    engine: ENGINE, at: 1763697240000, rocky: 'name: t\n', files: filesOf({ paths: models.map((m) => m[2]), stamps }), hashes: {},
    plan: 'bafyplan0' as Cid, planBytes: randomBytes(40 * N).toString('base64'), project: 't', models, sources: [['raw', 'bafysrc' as Cid, 'sources.yaml', 2]], diagnostics: [],
  };
}

/** `r` with model i given another CID and columns, its stamp moved, and the plan's bytes changed
 *  where its link would be. */
function edited(r: LastCompile, i: number, tag: string): LastCompile {
  const models = r.models.slice();
  models[i] = [models[i][0], `bafy-${tag}` as Cid, models[i][2], models[i][3], lastColumnsText([{ name: `größe ${tag}`, type: 'VARCHAR', classification: ['pii'] }])];
  const stamps = new Float64Array(new Uint8Array(Buffer.from(r.files.stamps, 'base64')).buffer);
  stamps[4 * i + 1] += 1000.5;
  const plan = Buffer.from(r.planBytes, 'base64');
  randomBytes(36).copy(plan, 40 * i);
  return { ...r, at: r.at + 5000, files: filesOf({ paths: r.files.paths.split('\n'), stamps }), plan: `bafyplan-${tag}` as Cid, planBytes: plan.toString('base64'), models };
}

function dir(): { file: string; journal: string; cleanup: () => void } {
  const d = mkdtempSync(join(tmpdir(), 'rocky-record-'));
  return { file: join(d, 'last-compile-v1.json'), journal: join(d, 'last-compile-v1.journal'), cleanup: () => rmSync(d, { recursive: true, force: true }) };
}

test('small changes go to the journal, and a load gives back exactly what was saved', (t) => {
  const d = dir();
  t.after(d.cleanup);
  const r0 = record();
  new LastCompileStore(d.file, ENGINE).save(r0);
  assert.deepEqual(new LastCompileStore(d.file, ENGINE).load(), r0);
  assert.ok(!existsSync(d.journal));
  const baseText = readFileSync(d.file, 'utf8');

  const store = new LastCompileStore(d.file, ENGINE);
  const r1 = edited(store.load()!, 7, 'one');
  store.save(r1);
  assert.ok(existsSync(d.journal), 'a journal');
  assert.equal(readFileSync(d.file, 'utf8'), baseText, 'the base untouched');
  assert.ok(statSync(d.journal).size < 2000, `a small journal (${statSync(d.journal).size} bytes)`);
  assert.deepEqual(new LastCompileStore(d.file, ENGINE).load(), r1);

  // A second edit in another process: the journal holds both against the same base.
  const other = new LastCompileStore(d.file, ENGINE);
  const r2 = edited(other.load()!, 30, 'two');
  other.save(r2);
  assert.equal(readFileSync(d.file, 'utf8'), baseText);
  const back = new LastCompileStore(d.file, ENGINE).load()!;
  assert.deepEqual(back, r2);
  assert.equal(back.models[7][1], 'bafy-one');
  assert.match(readFileSync(d.journal, 'latin1'), /^[\x00-\x7f]*$/, 'written as ASCII');
});

test('a changed order, other sources or too many changes write a new base; the old journal goes', (t) => {
  const d = dir();
  t.after(d.cleanup);
  new LastCompileStore(d.file, ENGINE).save(record());
  const store = new LastCompileStore(d.file, ENGINE);
  const r1 = edited(store.load()!, 3, 'a');
  store.save(r1);
  assert.ok(existsSync(d.journal));

  const reorder = new LastCompileStore(d.file, ENGINE);
  const r2 = reorder.load()!;
  const swapped = { ...r2, models: [r2.models[1], r2.models[0], ...r2.models.slice(2)] };
  reorder.save(swapped);
  assert.ok(!existsSync(d.journal), 'a new base, no journal');
  assert.deepEqual(new LastCompileStore(d.file, ENGINE).load(), swapped);

  const sources = new LastCompileStore(d.file, ENGINE);
  const r3 = { ...sources.load()!, sources: [['raw', 'bafysrc2' as Cid, 'sources.yaml', 2] as const] };
  sources.save(r3);
  assert.ok(!existsSync(d.journal));
  assert.deepEqual(new LastCompileStore(d.file, ENGINE).load(), r3);

  // Over a thousand models changed: a base again.
  const many = new LastCompileStore(d.file, ENGINE);
  const big = { ...record(), models: Array.from({ length: 1500 }, (_, i) => [`m${i}`, `bafy${i}` as Cid, `models/m${i}.sql`, '', ''] as LastModel) };
  big.files = filesOf({ paths: big.models.map((m) => m[2]), stamps: new Float64Array(4 * 1500) });
  many.save(big);
  many.load();
  const all = { ...big, models: big.models.map((m) => [m[0], `${m[1]}x` as Cid, m[2], m[3], m[4]] as LastModel) };
  many.save(all);
  assert.ok(!existsSync(d.journal));
  assert.deepEqual(new LastCompileStore(d.file, ENGINE).load(), all);
});

test('a stale, torn or damaged journal is ignored: the base alone is loaded', (t) => {
  const d = dir();
  t.after(d.cleanup);
  const r0 = record();
  new LastCompileStore(d.file, ENGINE).save(r0);
  const store = new LastCompileStore(d.file, ENGINE);
  store.save(edited(store.load()!, 5, 'x'));
  const journal = readFileSync(d.journal, 'utf8');

  writeFileSync(d.journal, journal.slice(0, journal.length - 20));
  assert.deepEqual(new LastCompileStore(d.file, ENGINE).load(), r0, 'torn');
  const j = JSON.parse(journal);
  for (const [what, damaged] of [
    ['a model index out of range', { ...j, models: [[N, j.models[0][1]]] }],
    ['a model that is not one', { ...j, models: [[5, ['m5', 1, 2]]] }],
    ['a stamp index out of range', { ...j, stamps: [[N + 3, 1, 2, 3, 4]] }],
    ['a plan patch past the end', { ...j, planPatch: [[40 * N - 2, Buffer.alloc(8).toString('base64')]] }],
    ['no plan', { ...j, plan: null }],
  ] as const) {
    writeFileSync(d.journal, JSON.stringify(damaged));
    assert.deepEqual(new LastCompileStore(d.file, ENGINE).load(), r0, what);
  }

  // Another process wrote a new base: the journal names the old one and is not applied to it.
  writeFileSync(d.journal, journal);
  const base2 = { ...r0, plan: 'bafyplan-other' as Cid };
  const writer = new LastCompileStore(d.file, ENGINE);
  writer.save(base2); // no base loaded: a whole write
  writeFileSync(d.journal, journal); // as if the older journal were renamed in after it
  assert.deepEqual(new LastCompileStore(d.file, ENGINE).load(), base2);

  // Another engine: nothing.
  assert.equal(new LastCompileStore(d.file, 'duckdb 2 test').load(), null);
});

test('plan bytes changed anywhere, singly or in runs, come back exactly from the journal', (t) => {
  const d = dir();
  t.after(d.cleanup);
  new LastCompileStore(d.file, ENGINE).save(record());
  for (let round = 0; round < 20; round++) {
    const store = new LastCompileStore(d.file, ENGINE);
    const r = store.load()!;
    const plan = Buffer.from(r.planBytes, 'base64');
    // The first and last bytes, every 64-byte boundary in one round, random bytes and runs.
    const at = round === 0 ? [0, plan.length - 1] : round === 1 ? Array.from({ length: plan.length >> 6 }, (_, k) => 64 * k + 63) : Array.from({ length: 1 + (round % 7) }, () => Math.floor(Math.random() * plan.length));
    for (const k of at) plan[k] ^= 0xff;
    if (round % 3 === 2) randomBytes(20).copy(plan, Math.floor(Math.random() * (plan.length - 20)));
    const next = { ...r, plan: `bafyplan${round}` as Cid, planBytes: plan.toString('base64') };
    store.save(next);
    assert.deepEqual(new LastCompileStore(d.file, ENGINE).load(), next, `round ${round}`);
  }
});
