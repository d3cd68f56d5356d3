// Parses a YAML file into plain data, with the line/column of every key available on demand, so
// the checks that follow can name the exact place of a mistake. The value comes from js-yaml
// (about 10x faster than a full document model on a 10,000-source file); positions come from
// the `yaml` package's document model, built only the first time a position is asked for,
// which is when a diagnostic is being reported.
import { createRequire } from 'node:module';
import jsYaml from 'js-yaml';
import type { Node } from 'yaml';
import { inBundle } from '../util/in-bundle.js';

// The document model is loaded on the first diagnostic, not on every start (~40 ms). The plain
// require is for the single-file build, where the bundler inlines what it can see required.
const requireYaml = (): typeof import('yaml') => (inBundle ? require('yaml') : createRequire(import.meta.url)('yaml')) as typeof import('yaml');
import type { Diagnostic } from '../objects/diagnostic.js';

export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface YamlFile {
  readonly file: string;
  readonly text: string;
  readonly value: unknown;
  /** Position of the node at a path such as `sources.0.columns.id` (keys) — falls back to the
   *  nearest ancestor. */
  at(path: readonly (string | number)[]): Position;
  readonly diagnostics: readonly Diagnostic[];
}

function positionsOf(text: string): Map<string, Position> {
  const { isMap, isScalar, isSeq, LineCounter, parseDocument } = requireYaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
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
  return positions;
}

export function readYaml(file: string, text: string): YamlFile {
  let value: unknown = null;
  const diagnostics: Diagnostic[] = [];
  try {
    value = jsYaml.load(text, { filename: file, json: false }) ?? null;
  } catch (e) {
    const err = e as { reason?: string; message: string; mark?: { line: number; column: number } };
    diagnostics.push({
      code: 'R001', severity: 'error', message: `invalid YAML: ${err.reason ?? err.message.split('\n')[0]}`,
      file, line: (err.mark?.line ?? 0) + 1, column: (err.mark?.column ?? 0) + 1,
    });
  }
  let positions: Map<string, Position> | null = null;
  return {
    file,
    text,
    value,
    diagnostics,
    at(path) {
      positions ??= positionsOf(text);
      for (let n = path.length; n > 0; n--) {
        const p = positions.get(path.slice(0, n).join('.'));
        if (p) return p;
      }
      return { line: 1, column: 1 };
    },
  };
}

/** Lines (1-based) of the items of a block sequence under a top-level key, found by a scan of
 *  the text rather than a document model; null when the layout is not the plain block form, in
 *  which case the caller asks `at()`. */
export function blockItemLines(text: string, key: string, count: number): { line: number; column: number }[] | null {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`${key}:`));
  if (start < 0) return null;
  const out: { line: number; column: number }[] = [];
  let indent = -1;
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i];
    if (/^\S/.test(l) && !l.startsWith('#') && !l.startsWith('-')) break; // next top-level key
    const m = /^(\s*)- /.exec(l) ?? /^(\s*)-$/.exec(l);
    if (!m) continue;
    if (indent < 0) indent = m[1].length;
    if (m[1].length === indent) out.push({ line: i + 1, column: indent + 3 });
  }
  return out.length === count ? out : null;
}
