// Loads the compiler's fixture files (fixtures/sql/<pass>/*.yaml): small projects with the
// expected result of one pass. Shared by fixtures.test.ts and duckdb-types.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ProjectSpec } from './duckdb-helper.js';

export interface ExpectedDiagnostic {
  readonly code: string;
  readonly model?: string;
  readonly severity?: string;
  readonly line?: number;
  readonly column?: number;
  readonly message?: string;
  readonly hint?: string;
}

export interface FixtureCase extends ProjectSpec {
  readonly name: string;
  readonly file: string;
  readonly expect: {
    /** model -> ["name TYPE", ...] exactly, in order. */
    readonly columns?: Readonly<Record<string, readonly string[]>>;
    /** Exactly these diagnostics (in any order); omitted: no diagnostics at all. */
    readonly diagnostics?: readonly ExpectedDiagnostic[];
    readonly order?: readonly string[];
    readonly compiled?: readonly string[];
    readonly rendered?: Readonly<Record<string, string>>;
    /** model -> exactly these edges, as "to <- from TYPE/SUBTYPE" (+ " masking"). */
    readonly edges?: Readonly<Record<string, readonly string[]>>;
    /** model -> column -> tags. */
    readonly classification?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  };
}

export const FIXTURE_ROOT = join(process.cwd(), 'fixtures', 'sql');

export function loadFixtureCases(): FixtureCase[] {
  const out: FixtureCase[] = [];
  for (const pass of readdirSync(FIXTURE_ROOT).sort()) {
    for (const f of readdirSync(join(FIXTURE_ROOT, pass)).filter((x) => x.endsWith('.yaml')).sort()) {
      const doc = parseYaml(readFileSync(join(FIXTURE_ROOT, pass, f), 'utf8')) as { cases: Omit<FixtureCase, 'file'>[] };
      for (const c of doc.cases) out.push({ ...c, file: `${pass}/${f}` });
    }
  }
  return out;
}
