// Binds rendered SQL to physical tables: the placeholder `{{ref('<name>')}}` at each recorded
// position (rendered.refs, taken from the parse tree's table references) becomes the given,
// already quoted table text. Only those positions are touched: the same text in a comment or a
// string literal of the model is the user's and stays as written. A missing binding, or a
// position without its placeholder, is a broken invariant (throws).
import type { RenderedSql } from '../../objects/types.js';

export function placeholder(name: string): string {
  return `{{ref('${name}')}}`;
}

/** Compiled models recorded before positions were kept: their placeholders are found by text. */
const LEGACY_PLACEHOLDER = /\{\{ref\('([^']*)'\)\}\}/g;

function tableFor(tables: Readonly<Record<string, string>>, name: string): string {
  if (!Object.prototype.hasOwnProperty.call(tables, name)) throw new Error(`bindInputs: no table bound for ${placeholder(name)}`);
  return tables[name];
}

export function bindInputs(rendered: RenderedSql, tables: Readonly<Record<string, string>>): string {
  const text = rendered.duckdb;
  if (!rendered.refs) return text.replace(LEGACY_PLACEHOLDER, (_, name: string) => tableFor(tables, name));
  let out = '';
  let last = 0;
  for (const { at, name } of rendered.refs) {
    const p = placeholder(name);
    if (at < last || text.slice(at, at + p.length) !== p) throw new Error(`bindInputs: no ${p} at offset ${at}`);
    out += text.slice(last, at) + tableFor(tables, name);
    last = at + p.length;
  }
  return out + text.slice(last);
}
