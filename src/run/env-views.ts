// The views of one environment: one per model, selecting from its physical table. In an
// environment with masking on, classified columns are masked in the view (the physical table
// keeps raw data): hash -> sha256 of the text, redact -> NULL of the column's type.
import { PHYSICAL_SCHEMA } from '../objects/env-schema.js';
import type { Column, EnvModel } from '../objects/types.js';
import type { MaskStrategy } from '../project/types.js';
import type { ViewSpec } from '../warehouse/warehouse.js';
import { qualified, quoteIdent } from './quote.js';

export interface MaskingPolicy {
  readonly enabled: boolean;
  readonly strategies: Readonly<Record<string, MaskStrategy>>;
}

function maskedExpression(col: Column, policy: MaskingPolicy): string {
  const q = quoteIdent(col.name);
  if (!policy.enabled) return q;
  const strategies = col.classification.map((c) => policy.strategies[c]).filter((s): s is MaskStrategy => s !== undefined && s !== 'none');
  if (strategies.includes('redact')) return `CAST(NULL AS ${col.type}) AS ${q}`;
  if (strategies.includes('hash')) return `sha256(CAST(${q} AS VARCHAR)) AS ${q}`;
  return q;
}

export function envViews(models: readonly EnvModel[], columnsOf: (m: EnvModel) => readonly Column[], policy: MaskingPolicy): ViewSpec[] {
  return models.map((m) => {
    const cols = columnsOf(m);
    const masked = policy.enabled && cols.some((c) => c.classification.length > 0);
    const list = masked ? cols.map((c) => maskedExpression(c, policy)).join(', ') : '*';
    return { name: m.name, select: `SELECT ${list} FROM ${qualified(PHYSICAL_SCHEMA, m.table)}` };
  });
}
