// Converts a UTF-8 byte offset (DuckDB's query_location) into a UTF-16 string index and into a
// 1-based line and column counted in characters (code points), as diagnostics report them.

/** The UTF-16 index of the character that starts at `byteOffset` in the UTF-8 encoding of text. */
export function byteOffsetToIndex(text: string, byteOffset: number): number {
  let bytes = 0;
  let i = 0;
  while (i < text.length && bytes < byteOffset) {
    const c = text.codePointAt(i)!;
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    i += c >= 0x10000 ? 2 : 1;
  }
  return i;
}

/** 1-based line and column (in code points) of a string index. */
export function indexToLineColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  const end = Math.min(Math.max(index, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  let column = 1;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) column++; // a low surrogate continues the previous character
  }
  return { line, column };
}

/** The UTF-16 index of the `n`-th code point of text. */
export function codePointOffsetToIndex(text: string, n: number): number {
  let i = 0;
  for (let k = 0; k < n && i < text.length; k++) i += text.codePointAt(i)! >= 0x10000 ? 2 : 1;
  return i;
}

/** 1-based line and column of an offset into text; offsets < 0 (unknown) map to 1:1.
 *  DuckDB's query_location is a UTF-8 byte offset ('byte'); its parser-error position counts
 *  code points ('codepoint'). */
export function offsetToLineColumn(text: string, offset: number, unit: 'byte' | 'codepoint' = 'byte'): { line: number; column: number } {
  if (offset < 0) return { line: 1, column: 1 };
  return indexToLineColumn(text, unit === 'byte' ? byteOffsetToIndex(text, offset) : codePointOffsetToIndex(text, offset));
}
