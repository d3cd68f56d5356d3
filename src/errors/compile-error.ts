// The project did not compile; the diagnostics say why (all of them, not only the first).
import { RockyError } from './rocky-error.js';
import type { Diagnostic } from '../objects/diagnostic.js';

export class CompileError extends RockyError {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    super('E_COMPILE', `compile failed with ${errors.length} error(s)`, { diagnostics });
    this.diagnostics = diagnostics;
  }
}
