// Diagnostics in reading order: by file, then position. A compile's diagnostics come from several
// places (the project loader, the compile cache, the compiler's passes) in an order that depends
// on what was cached; sorted, every way of compiling the same files reports them identically.
import type { Diagnostic } from '../objects/diagnostic.js';

export function sortDiagnostics(diags: readonly Diagnostic[]): Diagnostic[] {
  // Stable: diagnostics at the same place keep the order they were reported in.
  return [...diags].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}
