// Resolves `--select <model>` / `<model>+` (the model and everything downstream) to a set of
// model names; unknown names fail with a did-you-mean.
import { NotFoundError } from '../errors/not-found-error.js';
import type { CompiledPlan } from '../plan/types.js';
import { didYouMean } from '../util/did-you-mean.js';

export function selectModels(plan: CompiledPlan, select: readonly string[] | null): Set<string> {
  if (!select || select.length === 0) return new Set(plan.plan.order);
  const downstream = new Map<string, string[]>();
  for (const [name, entry] of plan.models) {
    for (const inp of entry.object.inputs) if (inp.kind === 'model') downstream.set(inp.name, [...(downstream.get(inp.name) ?? []), name]);
  }
  const out = new Set<string>();
  for (const raw of select) {
    const plus = raw.endsWith('+');
    const name = plus ? raw.slice(0, -1) : raw;
    if (!plan.models.has(name)) {
      const near = didYouMean(name, plan.models.keys());
      throw new NotFoundError('model', name, near ? `did you mean ${near}?` : undefined);
    }
    const stack = [name];
    while (stack.length) {
      const n = stack.pop() as string;
      if (out.has(n)) continue;
      out.add(n);
      if (plus) stack.push(...(downstream.get(n) ?? []));
    }
  }
  return out;
}
