// Deletes a branch's environment: its env ref (by compare-and-swap), its schema of views, and
// the physical tables that no other environment uses. Source snapshots stay (replays of
// recorded runs read them); the git branch with the code stays too.
import { NotFoundError } from '../errors/not-found-error.js';
import { UsageError } from '../errors/usage-error.js';
import { PHYSICAL_SCHEMA } from '../objects/env-schema.js';
import { readTypedObject } from '../run/read-typed-object.js';
import type { Store } from '../store/store.js';
import type { Warehouse } from '../warehouse/warehouse.js';

export async function deleteBranch(o: { store: Store; warehouse: Warehouse; name: string; force?: boolean }): Promise<{ droppedTables: string[]; schema: string }> {
  if (o.name === 'main' && !o.force) throw new UsageError('refusing to delete the environment of main (use --force if you mean it)');
  const head = await o.store.envHead(o.name);
  if (!head) throw new NotFoundError('environment of branch', o.name);
  const env = await readTypedObject(o.store, head.env, 'env', [head.commit]);
  const stillUsed = new Set<string>();
  for (const other of await o.store.listEnvs()) {
    if (other.branch === o.name) continue;
    const h = await o.store.envHead(other.branch);
    if (!h) continue;
    for (const m of (await readTypedObject(o.store, h.env, 'env', [h.commit])).models) stillUsed.add(m.table);
  }
  await o.store.deleteEnv(o.name, head.commit);
  await o.warehouse.dropSchema(env.schema);
  const droppedTables: string[] = [];
  for (const m of env.models) {
    if (stillUsed.has(m.table)) continue;
    await o.warehouse.dropTable({ schema: PHYSICAL_SCHEMA, name: m.table });
    droppedTables.push(m.table);
  }
  return { droppedTables, schema: env.schema };
}
