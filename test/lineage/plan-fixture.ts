// Builds the part of a CompiledPlan the lineage layer reads (models' columns and lineage,
// sources' columns) from a terse description, so unit tests need no compiler.
import { createHash } from 'node:crypto';
import type { CompiledPlan } from '../../src/plan/types.js';
import type { CompiledModelObject, LineageEdge, SourceSchemaObject } from '../../src/objects/types.js';

type Cols = Record<string, string | { type: string; classification: string[] }>;
/** Edge shorthand: `[to, from, subtype, masking?]`; the type follows from the subtype. */
export type EdgeSpec = [string, string, LineageEdge['subtype'], boolean?];

const DIRECT = new Set(['IDENTITY', 'TRANSFORMATION', 'AGGREGATION']);

const columns = (cols: Cols) => Object.entries(cols).map(([name, t]) => (typeof t === 'string' ? { name, type: t, classification: [] } : { name, ...t }));

/** A model: its columns and edges, and its SQL (by default a text fixed by the model's name). */
export interface ModelSpec { columns: Cols; lineage: EdgeSpec[]; sql?: string }

export function planOf(spec: { sources: Record<string, Cols>; models: Record<string, ModelSpec> }): Pick<CompiledPlan, 'models' | 'sources'> {
  const sources = new Map(Object.entries(spec.sources).map(([name, cols]) => [name, {
    cid: `src-${name}`, decl: {}, object: { kind: 'source-schema', name, columns: columns(cols) } as unknown as SourceSchemaObject,
  }]));
  const models = new Map(Object.entries(spec.models).map(([name, m]) => {
    const object = {
      kind: 'compiled-model', name, columns: columns(m.columns), sql: m.sql ?? `SELECT * FROM upstream_of_${name}`,
      lineage: m.lineage.map(([to, from, subtype, masking]) => ({ to, from, subtype, type: DIRECT.has(subtype) ? 'DIRECT' : 'INDIRECT', masking: masking ?? false })),
    } as unknown as CompiledModelObject;
    // Content-derived, like a real CID: the same object in two plans has the same id.
    return [name, { cid: `model-${name}-${createHash('sha256').update(JSON.stringify(object)).digest('hex').slice(0, 16)}`, object }];
  }));
  return { sources, models } as unknown as Pick<CompiledPlan, 'models' | 'sources'>;
}

/** trades -> enriched -> daily -> report, with a join key and a hashed ssn. */
export const chain = () => planOf({
  sources: { trades: { id: 'BIGINT', qty: 'BIGINT', ssn: { type: 'VARCHAR', classification: ['pii'] }, day: 'DATE' } },
  models: {
    enriched: {
      columns: { id: 'BIGINT', qty: 'BIGINT', ssn_hash: 'VARCHAR', day: 'DATE' },
      lineage: [['id', 'trades.id', 'IDENTITY'], ['qty', 'trades.qty', 'IDENTITY'], ['ssn_hash', 'trades.ssn', 'TRANSFORMATION', true], ['day', 'trades.day', 'IDENTITY']],
    },
    daily: {
      columns: { day: 'DATE', total: 'BIGINT' },
      lineage: [['day', 'enriched.day', 'IDENTITY'], ['total', 'enriched.qty', 'AGGREGATION'], ['total', 'enriched.day', 'GROUP_BY']],
    },
    report: {
      columns: { total: 'BIGINT' },
      lineage: [['total', 'daily.total', 'IDENTITY']],
    },
  },
});
