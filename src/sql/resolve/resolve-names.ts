// Pass 2: checks the shared model/source namespace and resolves every FROM reference to a CTE,
// a model or a source (bare names, case-insensitive; CTEs shadow models). Unknown, qualified
// and self references become diagnostics.
import type { CompileState } from '../compile-state.js';
import { reportAt } from '../compile-state.js';
import { walkQuery, cteVisible, recurringVisible } from '../parse/walk-tables.js';
import { didYouMean } from '../../util/did-you-mean.js';

function checkNamespace(state: CompileState): void {
  for (const m of state.models) {
    const key = m.input.name.toLowerCase();
    const first = state.modelsByName.get(key);
    if (first !== m) {
      reportAt(state, m, 'SQL_NAME_CLASH', `model "${m.input.name}" is also defined by ${first!.input.file}`, -1, 'model names are unique, case-insensitively');
      first!.failed = true;
      continue;
    }
    const source = state.sourcesByName.get(key);
    if (source) {
      reportAt(state, m, 'SQL_NAME_CLASH', `model "${m.input.name}" has the name of a source declared in ${source.file}:${source.line}`, -1, 'models and sources share one namespace: rename one of them');
    }
  }
}

export function resolveNames(state: CompileState): void {
  checkNamespace(state);
  const allNames = state.namespace ?? [...[...state.modelsByName.values()].map((m) => m.input.name), ...[...state.sourcesByName.values()].map((s) => s.name)];
  for (const m of state.models) {
    if (m.input.precompiled) {
      // The caller checked that these names resolve as they did when it was compiled.
      for (const i of m.input.precompiled.inputs) m.inputs.set(i.name, i.kind);
      continue;
    }
    if (!m.ast) continue;
    const self = m.input.name.toLowerCase();
    walkQuery(m.ast, null, (ref, ctes) => {
      if (ref.catalog === '' && ref.schema.toLowerCase() === 'recurring' && recurringVisible(ctes, ref.name)) {
        m.resolutions.set(ref, { kind: 'cte' }); // the rows a USING KEY recursion has kept so far
        return;
      }
      if (ref.schema !== '' || ref.catalog !== '') {
        const bare = state.modelsByName.get(ref.name.toLowerCase())?.input.name ?? state.sourcesByName.get(ref.name.toLowerCase())?.name;
        const qualified = [ref.catalog, ref.schema, ref.name].filter((p) => p !== '').join('.');
        reportAt(state, m, 'SQL_QUALIFIED_TABLE', `"${qualified}" is read directly; models read models and sources by bare name`, ref.loc,
          bare ? `did you mean "${bare}"?` : `declare it in sources.yaml (table: ${qualified}) and use the source's name`);
        return;
      }
      const key = ref.name.toLowerCase();
      if (cteVisible(ctes, key)) {
        m.resolutions.set(ref, { kind: 'cte' });
        return;
      }
      if (key === self) {
        reportAt(state, m, 'SQL_SELF_REFERENCE', `model "${m.input.name}" reads itself`, ref.loc, 'a model cannot read its own output; use a CTE or another model');
        return;
      }
      const model = state.modelsByName.get(key);
      const source = model ? undefined : state.sourcesByName.get(key);
      const name = model?.input.name ?? source?.name;
      if (name === undefined) {
        const suggestion = didYouMean(ref.name, allNames);
        reportAt(state, m, 'SQL_UNKNOWN_TABLE', `table "${ref.name}" is not a model, a source or a CTE`, ref.loc,
          suggestion ? `did you mean "${suggestion}"?` : 'declare it in sources.yaml or add models/<name>.sql');
        return;
      }
      m.resolutions.set(ref, { kind: 'input', name });
      m.inputRefs.push({ ref, name });
      m.inputs.set(name, model ? 'model' : 'source');
    });
  }
}
