// The text, dot, mermaid and markdown renderings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildLineageGraph } from '../../src/lineage/build-lineage-graph.js';
import { diffLineage } from '../../src/lineage/diff-lineage.js';
import { renderLineageDiffMarkdown } from '../../src/lineage/render-lineage-diff-markdown.js';
import { renderLineageDot } from '../../src/lineage/render-lineage-dot.js';
import { renderLineageMermaid } from '../../src/lineage/render-lineage-mermaid.js';
import { renderLineageText } from '../../src/lineage/render-lineage-text.js';
import { traceDownstream, traceUpstream } from '../../src/lineage/trace-lineage.js';
import type { LineageTrace } from '../../src/lineage/types.js';
import { chain, planOf } from './plan-fixture.js';

const up = (): LineageTrace => ({ column: 'report.total', direction: 'upstream', edges: traceUpstream(buildLineageGraph(chain()), 'report.total') });

test('text is an indented tree from the traced column', () => {
  const text = renderLineageText(up());
  assert.equal(text, [
    'report.total',
    '  <- daily.total  DIRECT/IDENTITY',
    '     <- enriched.qty  DIRECT/AGGREGATION',
    '        <- trades.qty  DIRECT/IDENTITY',
    '     <- enriched.day  INDIRECT/GROUP_BY',
    '        <- trades.day  DIRECT/IDENTITY',
    '',
  ].join('\n'));
  const down = renderLineageText({ column: 'trades.ssn', direction: 'downstream', edges: traceDownstream(buildLineageGraph(chain()), 'trades.ssn') });
  assert.match(down, /-> enriched\.ssn_hash {2}DIRECT\/TRANSFORMATION masked/);
  assert.equal(renderLineageText({ column: 'trades.qty', direction: 'upstream', edges: [] }), 'trades.qty: no upstream lineage\n');
});

test('dot is a digraph with dashed INDIRECT edges', () => {
  const dot = renderLineageDot(up());
  assert.match(dot, /^digraph lineage \{/);
  assert.match(dot, /"enriched\.day" -> "daily\.total" \[label="GROUP_BY", style=dashed\];/);
  assert.match(dot, /"daily\.total" -> "report\.total" \[label="IDENTITY"\];/);
  assert.match(dot, /label="trades";/);
  assert.ok(dot.trimEnd().endsWith('}'));
});

test('mermaid is a flowchart LR with generated ids and real labels', () => {
  const m = renderLineageMermaid(up());
  const lines = m.trimEnd().split('\n');
  assert.equal(lines[0], 'flowchart LR');
  assert.ok(lines.includes('  n0["report.total"]'));
  assert.ok(lines.includes('  n1["daily.total"]'));
  assert.ok(lines.includes('  n1 -->|IDENTITY| n0'));
  assert.ok(lines.some((l) => /-\.->\|GROUP_BY\|/.test(l)));
});

test('markdown: a clean diff is one line; changes get a summary and a table per model', () => {
  assert.equal(renderLineageDiffMarkdown(diffLineage(chain(), chain(), { base: 'main', head: 'HEAD' })), 'No lineage changes between `main` and `HEAD`.\n');
  const head = planOf({ sources: {}, models: { fresh: { columns: { x: 'INTEGER' }, lineage: [] } } });
  const md = renderLineageDiffMarkdown(diffLineage(chain(), head, { base: 'main', head: 'HEAD' }));
  const lines = md.split('\n');
  assert.match(lines[0], /^\*\*Lineage changes between `main` and `HEAD`:\*\* 4 model\(s\) \(1 added, 3 removed\), 8 column change\(s\); \*\*\d+ breaking\*\*\.$/);
  assert.ok(lines.includes('<details><summary>⚠️ <code>enriched</code>: removed, 4 column change(s), breaking</summary>'));
  assert.ok(lines.includes('| Column | Change | Old type | New type | Downstream consumers | Breaking |'));
  assert.ok(lines.includes('| `x` | added | — | INTEGER | — | no |'));
  assert.ok(lines.some((l) => l.startsWith('| `qty` | removed | BIGINT | — | `daily.total`, `report.total` | **yes**')));
  assert.equal(md.split('<details>').length - 1, 4);
  assert.equal(md.split('</details>').length - 1, 4);
});

test('markdown: a model whose SQL alone changed is counted and gets one line', () => {
  const withSql = (sql: string) => planOf({ sources: { t: { x: 'INTEGER' } }, models: { m: { columns: { x: 'INTEGER' }, lineage: [['x', 't.x', 'IDENTITY']], sql } } });
  const d = diffLineage(withSql('SELECT x FROM t WHERE x > 100'), withSql('SELECT x FROM t WHERE x > 200'), { base: 'main', head: 'HEAD' });
  const lines = renderLineageDiffMarkdown(d).split('\n');
  assert.equal(lines[0], '**Lineage changes between `main` and `HEAD`:** 1 model(s) (1 modified), 0 column change(s), 1 SQL-only change(s); nothing breaking.');
  assert.ok(lines.includes('<details><summary><code>m</code>: modified, SQL changed, no column change</summary>'));
  assert.ok(lines.includes('SQL changed; no column-level change (types, lineage and classification identical).'));
  assert.ok(!lines.some((l) => l.startsWith('| Column |')));
});
