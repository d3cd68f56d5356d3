// The graph index and the upstream / downstream traces over it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildLineageGraph } from '../../src/lineage/build-lineage-graph.js';
import { resolveLineageTarget } from '../../src/lineage/resolve-lineage-target.js';
import { traceDownstream, traceUpstream } from '../../src/lineage/trace-lineage.js';
import { NotFoundError } from '../../src/errors/not-found-error.js';
import { chain } from './plan-fixture.js';

const pairs = (edges: { from: string; to: string }[]) => edges.map((e) => `${e.from}->${e.to}`).sort();

test('the index qualifies edges and holds both directions', () => {
  const g = buildLineageGraph(chain());
  assert.equal(g.columns.get('trades.qty')?.kind, 'source');
  assert.deepEqual(g.relations.get('daily')?.columns, ['daily.day', 'daily.total']);
  assert.deepEqual(pairs([...g.upstream.get('daily.total')!]), ['enriched.day->daily.total', 'enriched.qty->daily.total']);
  assert.deepEqual(pairs([...g.downstream.get('enriched.day')!]), ['enriched.day->daily.day', 'enriched.day->daily.total']);
  assert.equal(g.downstream.get('report.total'), undefined);
});

test('upstream reaches the sources through every model', () => {
  const g = buildLineageGraph(chain());
  assert.deepEqual(pairs(traceUpstream(g, 'report.total')), [
    'daily.total->report.total', 'enriched.day->daily.total', 'enriched.qty->daily.total', 'trades.day->enriched.day', 'trades.qty->enriched.qty',
  ]);
  const e = traceUpstream(g, 'enriched.ssn_hash');
  assert.deepEqual(e, [{ from: 'trades.ssn', to: 'enriched.ssn_hash', type: 'DIRECT', subtype: 'TRANSFORMATION', masking: true }]);
});

test('downstream reaches every consumer, at any depth', () => {
  const g = buildLineageGraph(chain());
  assert.deepEqual(pairs(traceDownstream(g, 'trades.day')), [
    'enriched.day->daily.day', 'enriched.day->daily.total', 'daily.total->report.total', 'trades.day->enriched.day',
  ].sort());
});

test('depth limits the hops; a bare model traces all its columns', () => {
  const g = buildLineageGraph(chain());
  assert.deepEqual(pairs(traceUpstream(g, 'report.total', 1)), ['daily.total->report.total']);
  assert.equal(traceUpstream(g, 'report.total', 2).length, 3);
  assert.deepEqual(pairs(traceUpstream(g, 'daily', 1)), ['enriched.day->daily.day', 'enriched.day->daily.total', 'enriched.qty->daily.total']);
  assert.deepEqual(traceUpstream(g, 'trades.qty'), []);
});

test('a diamond is walked once per node', () => {
  const g = buildLineageGraph(chain());
  // enriched.day feeds daily.day and daily.total: its upstream edge must appear once.
  const edges = traceUpstream(g, 'daily');
  assert.equal(edges.filter((e) => e.to === 'enriched.day').length, 1);
});

test('targets resolve case-insensitively; unknown names suggest the closest', () => {
  const g = buildLineageGraph(chain());
  assert.equal(resolveLineageTarget(g, 'DAILY.Total'), 'daily.total');
  assert.equal(resolveLineageTarget(g, 'Daily'), 'daily');
  assert.throws(() => resolveLineageTarget(g, 'daily.totl'), (e: unknown) => e instanceof NotFoundError && /did you mean daily\.total/.test(e.message));
  assert.throws(() => resolveLineageTarget(g, 'dayly.total'), (e: unknown) => e instanceof NotFoundError && /did you mean daily\.total/.test(e.message));
});
