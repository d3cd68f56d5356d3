// A user mistake found by compile (or another check): a value, never an exception.
// Codes are stable (documented in docs/diagnostics.md); line and column are 1-based.
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly hint?: string;
}
