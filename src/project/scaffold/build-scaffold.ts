// Builds the files of a new rocky project: repository-relative path -> file text. Pure: the
// caller (api/ init) decides where and whether to write them.
import { buildEmptyExample } from './build-empty-example.js';
import { buildFinanceExample } from './build-finance-example.js';
import { UsageError } from '../../errors/index.js';

export type ScaffoldExample = 'empty' | 'finance';

export interface ScaffoldOptions {
  /** Project name written to rocky.yaml. */
  readonly name: string;
  readonly example: ScaffoldExample;
}

const builders: Record<ScaffoldExample, (name: string) => Map<string, string>> = {
  empty: buildEmptyExample,
  finance: buildFinanceExample,
};

/** Paths use `/` and are sorted, so two calls give equal maps in equal iteration order. */
export function buildScaffold(opts: ScaffoldOptions): Map<string, string> {
  // The type already forbids other values; this guards JavaScript callers and raw CLI input.
  if (!Object.hasOwn(builders, opts.example)) throw new UsageError(`unknown example: ${String(opts.example)} (expected empty or finance)`, { example: opts.example });
  const files = builders[opts.example](opts.name);
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
