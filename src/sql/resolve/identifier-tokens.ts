// Every identifier-shaped word of a text, lower-cased: a superset of the model and source names a
// query can read (a reference is a bare or quoted identifier, and quoting does not change the
// word). Words in comments and strings are included; a caller compiling a model against only the
// models and sources named here gets the result it would get against the whole project, as long
// as no reference is left unresolved (those get did-you-mean hints from the whole namespace).
const WORD = /[\p{L}_][\p{L}\p{N}_$]*/gu;

export function identifierTokens(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(WORD)) out.add(m[0].toLowerCase());
  return out;
}
