// Where a build failure is in the model's file. The warehouse reports a line and column of the
// SQL it ran (data.position), which is the model's SQL trimmed and with its inputs bound to
// physical tables: lines match the trimmed text one to one, shifted by the lines trimmed from
// the top of the file; on the line, the text after the spot is found again in the file's line
// (a table name bound before the spot on the same line shifts the column).
import { decodeObject } from '../codec/decode-object.js';
import type { CompiledEntry, CompiledPlan } from '../plan/types.js';
import type { ModelSourceObject } from '../objects/types.js';

export interface BuildErrorLocation {
  readonly file: string;
  readonly line: number | null;
  readonly column: number | null;
}

/** The warehouse's message with its `LINE n:` excerpt numbered as the file's line (the caret
 *  kept under the same character). */
export function relabelErrorLine(message: string, line: number): string {
  return message.replace(/\nLINE (\d+): ([^\n]*)\n( *)\^/, (_m, n: string, text: string, pad: string) => {
    const shift = String(line).length - n.length;
    return `\nLINE ${line}: ${text}\n${' '.repeat(Math.max(0, pad.length + shift))}^`;
  });
}

/** The model-source object of a compiled model (its file path and text), from the plan's objects. */
export function modelSource(compiled: CompiledPlan, entry: CompiledEntry): ModelSourceObject | null {
  const sourceCid = entry.object.source['/'];
  const encoded = compiled.objects.find((o) => o.cid === sourceCid);
  return encoded ? decodeObject(encoded.bytes, sourceCid) as ModelSourceObject : null;
}

export function locateBuildError(compiled: CompiledPlan, entry: CompiledEntry, executed: string, data: Readonly<Record<string, unknown>>): BuildErrorLocation | null {
  const source = modelSource(compiled, entry);
  if (!source) return null;
  const position = data.position as { line: number; column: number } | undefined;
  if (!position) return { file: source.path, line: null, column: null };
  const raw = source.sql;
  const start = raw.length - raw.trimStart().length;
  const lead = raw.slice(0, start).split('\n').length - 1;
  const line = position.line + lead;
  const fileLine = raw.split('\n')[line - 1] ?? '';
  const ranLine = executed.trim().split('\n')[position.line - 1] ?? '';
  const at = position.column - 1;
  // The text from the spot to the next bound table name, looked for nearest to the spot.
  const after = ranLine.slice(at).split('"_rocky"')[0];
  let column = position.column + (position.line === 1 ? start - raw.lastIndexOf('\n', start - 1) - 1 : 0);
  if (after.length > 0) {
    let best = -1;
    for (let i = fileLine.indexOf(after); i >= 0; i = fileLine.indexOf(after, i + 1)) {
      if (best < 0 || Math.abs(i - at) < Math.abs(best - at)) best = i;
    }
    if (best >= 0) column = best + 1;
  }
  return { file: source.path, line, column };
}
