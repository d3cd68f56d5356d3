// Decides the columns of each source: declared types when every column has one (no data is
// needed), otherwise what the warehouse reads from the file or table, with declared types and
// classifications applied on top.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../objects/diagnostic.js';
import type { Column } from '../objects/types.js';
import type { SourceDecl } from '../project/types.js';
import type { CompileDeps } from './types.js';

export async function resolveSourceColumns(source: SourceDecl, deps: CompileDeps, diags: Diagnostic[]): Promise<Column[] | null> {
  const declared = source.columns;
  if (declared.length > 0 && declared.every((c) => c.type !== null)) {
    return declared.map((c) => ({ name: c.name, type: c.type as string, classification: c.classification }));
  }
  const where = { file: source.file, line: source.line, column: source.column };
  let origin: { file: string } | { table: string };
  if ('path' in source.origin) {
    if (deps.root === null || !existsSync(join(deps.root, source.origin.path))) {
      diags.push({ code: 'R010', severity: 'error', ...where, message: `source '${source.name}': ${source.origin.path} is not there, so its column types are unknown`, hint: 'declare every column with a type under columns:, or add the file' });
      return null;
    }
    origin = { file: join(deps.root, source.origin.path) };
  } else origin = { table: source.origin.table };
  let found: Column[];
  try {
    found = await deps.describeSource(origin);
  } catch (e) {
    diags.push({ code: 'R010', severity: 'error', ...where, message: `source '${source.name}' cannot be read: ${(e as Error).message.split('\n')[0]}`, hint: 'declare every column with a type under columns:' });
    return null;
  }
  const byName = new Map(declared.map((c) => [c.name.toLowerCase(), c]));
  for (const c of declared) {
    if (!found.some((f) => f.name.toLowerCase() === c.name.toLowerCase())) {
      diags.push({ code: 'R011', severity: 'error', ...where, message: `source '${source.name}' declares column '${c.name}', which the data does not have (it has ${found.map((f) => f.name).join(', ')})` });
    }
  }
  return found.map((f) => {
    const d = byName.get(f.name.toLowerCase());
    return { name: f.name, type: d?.type ?? f.type, classification: d?.classification ?? [] };
  });
}
