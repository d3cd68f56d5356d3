// Decides the columns of each source: what the warehouse reads from the file or table, with
// declared types and classifications applied on top (a declared column types and classifies
// that column only; the others come from the data). Declared types alone stand when there is
// no data to read (a past commit, or a file not there) and every column is declared with one.
// A file source must lie inside the repository (or a declared data root): a path or link
// pointing out would let whoever gets a branch run copy any readable file into the warehouse.
import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../objects/diagnostic.js';
import type { Column } from '../objects/types.js';
import type { SourceDecl } from '../project/types.js';
import type { CompileDeps } from './types.js';

function inside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** Why `path` (relative to the project root) may not be read, or null when it may. Links are
 *  followed where the file exists; without a root (a past commit) only the text is judged. */
export function sourcePathEscape(path: string, root: string | null, dataRoots: readonly string[]): string | null {
  const base = root === null ? resolve('/', 'repository') : realOrSelf(root);
  const allowed = [base, ...dataRoots.map((d) => realOrSelf(resolve(base, d)))];
  const lexical = resolve(base, path);
  const target = root === null ? lexical : realOrSelf(lexical);
  if (allowed.some((d) => inside(d, target))) return null;
  return target !== lexical && allowed.some((d) => inside(d, lexical)) ? 'is a link that points outside the repository' : 'points outside the repository';
}

export async function resolveSourceColumns(source: SourceDecl, deps: CompileDeps, diags: Diagnostic[], dataRoots: readonly string[] = []): Promise<Column[] | null> {
  const declared = source.columns;
  const where = { file: source.file, line: source.line, column: source.column };
  // Every column declared with a type: those stand when there is no data to read.
  const allTyped = declared.length > 0 && declared.every((c) => c.type !== null);
  const asDeclared = (): Column[] => declared.map((c) => ({ name: c.name, type: c.type as string, classification: c.classification }));
  let origin: { file: string } | { table: string };
  if ('path' in source.origin) {
    const why = sourcePathEscape(source.origin.path, deps.root, dataRoots);
    if (why !== null) {
      diags.push({ code: 'R012', severity: 'error', ...where, message: `source '${source.name}': ${source.origin.path} ${why}`, hint: 'keep data files inside the repository, or list their directory under data_roots: in rocky.yaml' });
      return null;
    }
    const there = deps.root !== null && existsSync(join(deps.root, source.origin.path));
    if (!there) {
      if (allTyped) return asDeclared();
      diags.push({ code: 'R010', severity: 'error', ...where, message: `source '${source.name}': ${source.origin.path} is not there, so its column types are unknown`, hint: 'declare every column with a type under columns:, or add the file' });
      return null;
    }
    origin = { file: join(deps.root as string, source.origin.path) };
  } else {
    if (allTyped) return asDeclared();
    origin = { table: source.origin.table };
  }
  let found: Column[];
  try {
    found = await deps.describeSource(origin);
  } catch (e) {
    if (allTyped) return asDeclared();
    diags.push({ code: 'R010', severity: 'error', ...where, message: `source '${source.name}' cannot be read: ${(e as Error).message.split('\n')[0]}`, hint: 'declare every column with a type under columns:' });
    return null;
  }
  const byName = new Map(declared.map((c) => [c.name.toLowerCase(), c]));
  for (const c of declared) {
    if (!found.some((f) => f.name.toLowerCase() === c.name.toLowerCase())) {
      diags.push({ code: 'R011', severity: 'error', ...where, message: `source '${source.name}' declares column '${c.name}', which ${'path' in source.origin ? source.origin.path : 'the data'} does not have (it has ${found.map((f) => f.name).join(', ')})` });
    }
  }
  return found.map((f) => {
    const d = byName.get(f.name.toLowerCase());
    return { name: f.name, type: d?.type ?? f.type, classification: d?.classification ?? [] };
  });
}
