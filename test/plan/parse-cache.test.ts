import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParseCache } from '../../src/plan/parse-cache.js';

function counting(): { parse: (s: readonly string[]) => Promise<string[]>; calls: string[][] } {
  const calls: string[][] = [];
  return { calls, parse: async (s) => { calls.push([...s]); return s.map((x) => `tree(${x})`); } };
}

test('only texts without a cached tree are parsed; the cache survives a reload', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rocky-cache-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, '.rocky', 'cache', 'parse-v1.json');
  const p1 = counting();
  const c1 = ParseCache.load(file, 'v1.5.6');
  assert.deepEqual(await c1.wrap(p1.parse)(['SELECT 1', 'SELECT 2']), ['tree(SELECT 1)', 'tree(SELECT 2)']);
  c1.save();
  assert.ok(existsSync(file));

  const p2 = counting();
  const c2 = ParseCache.load(file, 'v1.5.6');
  assert.deepEqual(await c2.wrap(p2.parse)(['SELECT 2', 'SELECT 3', 'SELECT 1']), ['tree(SELECT 2)', 'tree(SELECT 3)', 'tree(SELECT 1)']);
  assert.deepEqual(p2.calls, [['SELECT 3']], 'only the changed text reaches the parser');
  assert.equal(c2.hits, 2);

  // onTree gets cached trees at once and parsed ones mapped back to the caller's indexes.
  const c3 = ParseCache.load(file, 'v1.5.6');
  const got: [number, string][] = [];
  const parser = async (s: readonly string[], each?: (i: number, t: string) => void) => s.map((x, i) => { each?.(i, `tree(${x})`); return `tree(${x})`; });
  await c3.wrap(parser)(['SELECT 9', 'SELECT 1', 'SELECT 8'], (i, t) => got.push([i, t]));
  assert.deepEqual(got.sort((a, b) => a[0] - b[0]), [[0, 'tree(SELECT 9)'], [1, 'tree(SELECT 1)'], [2, 'tree(SELECT 8)']]);

  // A parser that hands its trees over returns none, and the cache still keeps them.
  const handing = async (s: readonly string[], each?: (i: number, t: string) => void) => {
    s.forEach((x, i) => each?.(i, `tree(${x})`));
    return each ? [] : s.map((x) => `tree(${x})`);
  };
  const c4 = ParseCache.load(file, 'v1.5.6');
  assert.deepEqual(await c4.wrap(handing)(['SELECT 70', 'SELECT 71'], () => undefined), []);
  assert.deepEqual(await c4.wrap(async () => { throw new Error('parsed again'); })(['SELECT 71', 'SELECT 70']), ['tree(SELECT 71)', 'tree(SELECT 70)']);
});

test("another engine version's trees are not trusted; a corrupt file is an empty cache", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rocky-cache-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'parse-v1.json');
  const c1 = ParseCache.load(file, 'v1.5.6');
  await c1.wrap(counting().parse)(['SELECT 1']);
  c1.save();
  const p = counting();
  await ParseCache.load(file, 'v1.6.0').wrap(p.parse)(['SELECT 1']);
  assert.deepEqual(p.calls, [['SELECT 1']]);
  writeFileSync(file, '{ not json');
  const q = counting();
  await ParseCache.load(file, 'v1.5.6').wrap(q.parse)(['SELECT 1']);
  assert.deepEqual(q.calls, [['SELECT 1']]);
});
