// Renders a lineage diff as markdown for a pull-request comment: a one-line summary, then one
// collapsible table per changed model (a line for a model whose SQL alone changed).
import type { ColumnChange, ColumnChangeKind, LineageDiff } from './diff-lineage.js';

const LABELS: Record<ColumnChangeKind, string> = {
  added: 'added', removed: 'removed', type_changed: 'type changed', lineage_changed: 'lineage changed', classification_changed: 'classification changed',
};

const MAX_CONSUMERS = 10;

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;

export function renderLineageDiffMarkdown(diff: LineageDiff): string {
  const range = `${code(diff.base)} and ${code(diff.head)}`;
  if (diff.models.length === 0) return `No lineage changes between ${range}.\n`;
  const columns = diff.models.reduce((n, m) => n + m.columns.length, 0);
  const breaking = diff.models.reduce((n, m) => n + m.columns.filter((c) => c.breaking).length, 0);
  const counts = (['modified', 'added', 'removed'] as const)
    .map((s) => [s, diff.models.filter((m) => m.status === s).length] as const).filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`).join(', ');
  const sqlOnly = diff.models.filter((m) => m.columns.length === 0 && m.sql_changed).length;
  const lines = [
    `**Lineage changes between ${range}:** ${diff.models.length} model(s) (${counts}), ${columns} column change(s)` +
      (sqlOnly ? `, ${sqlOnly} SQL-only change(s)` : '') + '; ' +
      (breaking ? `**${breaking} breaking**.` : 'nothing breaking.'),
    '',
  ];
  for (const m of diff.models) {
    if (m.columns.length === 0) {
      // The data may differ (a threshold, a filter) though no column did: a reviewer must see it.
      lines.push(
        `<details><summary><code>${m.model}</code>: ${m.status}, SQL changed, no column change</summary>`,
        '',
        'SQL changed; no column-level change (types, lineage and classification identical).',
        '',
        '</details>',
        '',
      );
      continue;
    }
    lines.push(
      `<details><summary>${m.breaking ? '⚠️ ' : ''}<code>${m.model}</code>: ${m.status}, ${m.columns.length} column change(s)${m.breaking ? ', breaking' : ''}</summary>`,
      '',
      '| Column | Change | Old type | New type | Downstream consumers | Breaking |',
      '| --- | --- | --- | --- | --- | --- |',
      ...m.columns.map(row),
      '',
      '</details>',
      '',
    );
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function row(c: ColumnChange): string {
  const change = c.changes.map((k) => (k === 'classification_changed'
    ? `${LABELS[k]} (${c.old_classification.join(', ') || 'none'} → ${c.new_classification.join(', ') || 'none'})`
    : LABELS[k])).join(', ');
  // A wide fan-out would drown the table; the JSON output keeps the full list.
  const shown = c.downstream.slice(0, MAX_CONSUMERS).map(code);
  if (c.downstream.length > MAX_CONSUMERS) shown.push(`and ${c.downstream.length - MAX_CONSUMERS} more`);
  const consumers = shown.length ? shown.join(', ') : '—';
  const verdict = c.breaking ? `**yes**: ${c.reason}` : 'no';
  return `| ${[code(c.column), change, c.old_type ?? '—', c.new_type ?? '—', consumers, verdict].map(cell).join(' | ')} |`;
}
