// Parses a YAML file into plain data plus the line/column of every key and value, so the
// checks that follow can name the exact place of a mistake.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Diagnostic } from '../objects/diagnostic.js';

export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface YamlFile {
  readonly file: string;
  readonly value: unknown;
  /** Position of the node at a path such as `sources.0.columns.id` (keys) — falls back to the
   *  nearest ancestor. */
  at(path: readonly (string | number)[]): Position;
  readonly diagnostics: readonly Diagnostic[];
}

export function readYaml(file: string, text: string): YamlFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const positions = new Map<string, Position>();
  const pos = (offset: number | undefined): Position => {
    const lp = lineCounter.linePos(offset ?? 0);
    return { line: lp.line, column: lp.col };
  };
  const walk = (node: unknown, path: string): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
        const child = path ? `${path}.${key}` : key;
        positions.set(child, pos(keyNode?.range?.[0]));
        walk(pair.value, child);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const child = path ? `${path}.${i}` : String(i);
        positions.set(child, pos((item as Node | null)?.range?.[0]));
        walk(item, child);
      });
    }
  };
  walk(doc.contents, '');
  const diagnostics: Diagnostic[] = [...doc.errors, ...doc.warnings].map((e) => ({
    code: 'R001',
    severity: 'error' as const,
    message: `invalid YAML: ${e.message.split('\n')[0]}`,
    file,
    line: e.linePos?.[0]?.line ?? 1,
    column: e.linePos?.[0]?.col ?? 1,
  }));
  const value = diagnostics.length ? null : doc.toJS({ maxAliasCount: 100 });
  return {
    file,
    value,
    diagnostics,
    at(path) {
      for (let n = path.length; n > 0; n--) {
        const p = positions.get(path.slice(0, n).join('.'));
        if (p) return p;
      }
      return { line: 1, column: 1 };
    },
  };
}
