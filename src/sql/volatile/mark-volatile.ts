// Pass (after analyze): marks a model volatile when it calls a non-deterministic function
// (find-volatile.ts found the calls): a warning at the first call of each, and the sorted names
// in the compiled model. The runner rebuilds a volatile model on every run (run/build-key.ts).
import type { CompileState, ModelState } from '../compile-state.js';
import { reportAt } from '../compile-state.js';

/** Column names the model's inputs have: `current_date` names such a column, not the clock. */
function inputColumnNames(state: CompileState, m: ModelState): Set<string> {
  const names = new Set<string>();
  for (const [name, kind] of m.inputs) {
    const cols = kind === 'model' ? state.modelsByName.get(name.toLowerCase())?.columns : state.sourcesByName.get(name.toLowerCase())?.columns;
    for (const c of cols ?? []) names.add(c.name.toLowerCase());
  }
  return names;
}

export function markVolatile(state: CompileState): void {
  for (const m of state.models) {
    if (m.failed || m.volatileCalls.length === 0) continue;
    const columns = m.volatileCalls.some((c) => c.column) ? inputColumnNames(state, m) : new Set<string>();
    const calls = m.volatileCalls.filter((c) => !(c.column && columns.has(c.name))).sort((a, b) => (a.name < b.name ? -1 : 1));
    m.volatile = calls.map((c) => c.name);
    for (const c of calls) {
      reportAt(state, m, 'SQL_VOLATILE',
        `${c.name} is not deterministic: model ${m.input.name} is volatile, rebuilt on every run with everything downstream of it, and its replay cannot match`,
        c.loc);
    }
  }
}
