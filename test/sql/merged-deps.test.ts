// mergedDeps must give exactly what sorting the union gives, whatever the two lists hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergedDeps, rootDep, sortedDeps, variant } from '../../src/sql/lineage/dep-set.js';
import type { Dep } from '../../src/sql/bind/bound.js';
import type { LineageEdge } from '../../src/objects/types.js';

const DIRECT: LineageEdge['subtype'][] = ['IDENTITY', 'TRANSFORMATION', 'AGGREGATION'];
const INDIRECT: LineageEdge['subtype'][] = ['JOIN', 'GROUP_BY', 'FILTER', 'SORT', 'WINDOW', 'CONDITIONAL'];
const fields = (ds: readonly Dep[]) => ds.map((d) => `${d.from} ${d.type} ${d.subtype} ${d.masking}`);

test('merging two lists equals sorting their union, sorted inputs or not', () => {
  const roots = ['a.x', 'a.y', 'b.x', 'b.z', 'c.q'].map(rootDep);
  let seed = 7;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
  const pick = (): Dep => {
    const r = roots[rand(roots.length)];
    if (rand(2) === 0) return variant(r, 'DIRECT', DIRECT[rand(3)], rand(3) === 0);
    return variant(r, 'INDIRECT', INDIRECT[rand(6)], false);
  };
  for (let round = 0; round < 2000; round++) {
    const a = Array.from({ length: rand(6) }, pick);
    const b = Array.from({ length: rand(8) }, pick);
    // Most rounds as bound relations hold them (each list sorted), some as they come.
    const [x, y] = round % 4 === 0 ? [a, b] : [sortedDeps(a), sortedDeps(b)];
    assert.deepEqual(fields(mergedDeps(x, y)), fields(sortedDeps(new Set([...x, ...y]))), `round ${round}`);
  }
});
