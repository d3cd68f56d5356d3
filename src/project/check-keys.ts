// Reports keys a YAML mapping may not have (with a did-you-mean) and values of the wrong shape.
import type { Diagnostic } from '../objects/diagnostic.js';
import { didYouMean } from '../util/did-you-mean.js';
import type { YamlFile } from './read-yaml.js';

export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export class YamlChecker {
  readonly diagnostics: Diagnostic[] = [];
  constructor(readonly yaml: YamlFile) {}

  error(code: string, path: readonly (string | number)[], message: string, hint?: string): void {
    const { line, column } = this.yaml.at(path);
    this.diagnostics.push({ code, severity: 'error', message, file: this.yaml.file, line, column, ...(hint ? { hint } : {}) });
  }

  /** R002 for every key of `value` not in `allowed`. */
  keys(value: Record<string, unknown>, path: readonly (string | number)[], allowed: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (allowed.includes(key)) continue;
      const near = didYouMean(key, allowed);
      this.error('R002', [...path, key], `unknown key '${key}'${path.length ? ` in ${path.join('.')}` : ''}${near ? `; did you mean '${near}'?` : ''}`, `allowed: ${allowed.join(', ')}`);
    }
  }

  /** The value if it is a string, else R003 and null. */
  string(value: unknown, path: readonly (string | number)[]): string | null {
    if (typeof value === 'string' && value.length > 0) return value;
    this.error('R003', path, `${path.join('.')} must be a non-empty string`);
    return null;
  }

  /** A string or a list of strings, as a list; R003 otherwise. */
  strings(value: unknown, path: readonly (string | number)[]): string[] {
    if (value === undefined || value === null) return [];
    if (typeof value === 'string') return [value];
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
    this.error('R003', path, `${path.join('.')} must be a string or a list of strings`);
    return [];
  }
}
