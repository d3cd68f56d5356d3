// The compiler's promise checked against the warehouse: a built table whose columns (names,
// order, types) differ from the compiled ones means the compiler inferred wrong. Reported as
// warnings naming the model and the column; the build itself stands.
import type { Column } from '../objects/types.js';

export interface SchemaDriftWarning {
  readonly code: 'RUN_SCHEMA_DRIFT';
  readonly model: string;
  readonly column: string;
  readonly compiled: string | null;
  readonly built: string | null;
  readonly message: string;
}

export function schemaDrift(model: string, compiled: readonly Column[], built: readonly Column[]): SchemaDriftWarning[] {
  const out: SchemaDriftWarning[] = [];
  const n = Math.max(compiled.length, built.length);
  for (let i = 0; i < n; i++) {
    const c = compiled[i], b = built[i];
    if (c && b && c.name === b.name && c.type === b.type) continue;
    const column = (c ?? b)!.name;
    const compiledText = c ? `${c.name} ${c.type}` : 'nothing';
    const builtText = b ? `${b.name} ${b.type}` : 'nothing';
    out.push({
      code: 'RUN_SCHEMA_DRIFT', model, column, compiled: c ? c.type : null, built: b ? b.type : null,
      message: `model ${model}: column ${i + 1} was compiled as ${compiledText} but the warehouse built ${builtText} (the compiler's type is wrong)`,
    });
  }
  return out;
}
