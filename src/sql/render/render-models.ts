// Pass 6: renders each compiled model's SQL for DuckDB: every reference to a model or source is
// replaced by {{ref('<name>')}} (bound to a physical table at run time by bindInputs), at the
// positions DuckDB's parse tree gives for table references (query_location), and those
// positions are recorded: comments and literals are never scanned nor rewritten. An unaliased
// reference keeps its name as alias so qualified columns (`prices.col`) still resolve.
import type { RenderedSql } from '../../objects/types.js';
import type { CompileState } from '../compile-state.js';
import { byteOffsetToIndex } from '../offset-to-line-column.js';
import { placeholder } from './bind-inputs.js';

const IDENT_CHAR = /[\p{L}\p{N}_$]/u;

/** The identifier token starting at `index`: a quoted "name" (with "" escapes) or a bare word. */
function tokenAt(text: string, index: number): { raw: string; value: string } {
  if (text[index] === '"') {
    let i = index + 1;
    let value = '';
    while (i < text.length) {
      if (text[i] === '"' && text[i + 1] === '"') { value += '"'; i += 2; continue; }
      if (text[i] === '"') break;
      value += text[i++];
    }
    return { raw: text.slice(index, i + 1), value };
  }
  let i = index;
  while (i < text.length && IDENT_CHAR.test(text[i])) i++;
  return { raw: text.slice(index, i), value: text.slice(index, i) };
}

/** The model's SQL as stored: trimmed, without a trailing semicolon. */
export function normalizeSql(text: string): string {
  return text.trim().replace(/;\s*$/, '').trimEnd();
}

export function renderModelSql(text: string, refs: readonly { readonly ref: { readonly loc: number; readonly name: string; readonly alias: string }; readonly name: string }[]): RenderedSql {
  const ascii = !/[^\x00-\x7f]/.test(text);
  const edits = refs.map(({ ref, name }) => {
    if (ref.loc < 0) throw new Error(`invariant: table reference "${ref.name}" has no location`);
    const index = ascii ? ref.loc : byteOffsetToIndex(text, ref.loc);
    const tok = tokenAt(text, index);
    if (tok.value.toLowerCase() !== ref.name.toLowerCase()) {
      throw new Error(`invariant: expected "${ref.name}" at offset ${ref.loc}, found "${tok.raw}"`);
    }
    return { start: index, end: index + tok.raw.length, name, alias: ref.alias ? '' : ` AS ${tok.raw}` };
  });
  edits.sort((a, b) => a.start - b.start);
  // normalizeSql only trims: positions shift by what it removes from the start.
  const lead = text.length - text.trimStart().length;
  let out = '';
  let last = 0;
  const at: { at: number; name: string }[] = [];
  for (const e of edits) {
    out += text.slice(last, e.start);
    at.push({ at: out.length - lead, name: e.name });
    out += placeholder(e.name) + e.alias;
    last = e.end;
  }
  return { duckdb: normalizeSql(out + text.slice(last)), refs: at };
}

export function renderModels(state: CompileState): void {
  for (const m of state.models) {
    if (m.failed || !m.columns || m.input.precompiled) continue;
    m.rendered = renderModelSql(m.input.text, m.inputRefs);
  }
}
