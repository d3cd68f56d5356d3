// Renders a DuckDB serialized LogicalType ({id, type_info}) as DuckDB type text, the form DESCRIBE
// prints: DECIMAL(18,2), INTEGER[], STRUCT(a INTEGER), MAP(VARCHAR, INTEGER).
import type { Json } from './json.js';
import { quoteFieldName } from '../types/type-text.js';

export function logicalTypeText(t: Json): string {
  const id = String(t?.id ?? 'UNKNOWN');
  const info = t?.type_info;
  switch (id) {
    case 'DECIMAL':
      return info ? `DECIMAL(${info.width},${info.scale})` : 'DECIMAL(18,3)';
    case 'LIST':
      return `${logicalTypeText(info?.child_type)}[]`;
    case 'ARRAY':
      return `${logicalTypeText(info?.child_type)}[${info?.size ?? ''}]`;
    case 'STRUCT': {
      const kids = (info?.child_types ?? []) as Json[];
      return `STRUCT(${kids.map((c) => `${quoteFieldName(String(c.first))} ${logicalTypeText(c.second)}`).join(', ')})`;
    }
    case 'MAP': {
      const kv = (info?.child_type?.type_info?.child_types ?? []) as Json[];
      return `MAP(${logicalTypeText(kv[0]?.second)}, ${logicalTypeText(kv[1]?.second)})`;
    }
    case 'UNBOUND':
      return String(info?.name ?? 'UNKNOWN').toUpperCase();
    case 'USER':
      return String(info?.user_type_name ?? 'UNKNOWN').toUpperCase();
    default:
      return id;
  }
}
