// Pass (before analyze, which lets the parse tree go): finds the calls of non-deterministic
// functions (volatile-functions.ts) in each model's parse tree. mark-volatile.ts decides, once
// the inputs' columns are known, and reports them.
import type { CompileState, VolatileCall } from '../compile-state.js';
import { VOLATILE_COLUMN_NAMES, VOLATILE_FUNCTIONS } from './volatile-functions.js';

/** Every call of a volatile function in a parse tree (plain data: walked generically so that no
 *  construct, present or future, hides a call), the first of each name, with its byte offset.
 *  `current_date` and its kind are column references to DuckDB's parser: noted as such. */
function collect(node: unknown, found: Map<string, VolatileCall>): void {
  if (Array.isArray(node)) { for (const n of node) collect(n, found); return; }
  if (node === null || typeof node !== 'object') return;
  const n = node as Record<string, unknown>;
  let call: VolatileCall | null = null;
  const loc = typeof n.loc === 'number' ? n.loc : -1;
  if ((n.kind === 'function' || n.kind === 'window') && typeof n.name === 'string' && VOLATILE_FUNCTIONS.has(n.name)) call = { name: n.name, loc, column: false };
  if (n.kind === 'column' && Array.isArray(n.names) && n.names.length === 1) {
    const c = String(n.names[0]).toLowerCase();
    if (VOLATILE_COLUMN_NAMES.has(c)) call = { name: c, loc, column: true };
  }
  if (call !== null) {
    const seen = found.get(call.name);
    if (seen === undefined || (loc >= 0 && (seen.loc < 0 || loc < seen.loc))) found.set(call.name, call);
  }
  for (const v of Object.values(n)) if (v !== null && typeof v === 'object') collect(v, found);
}

export function findVolatile(state: CompileState): void {
  for (const m of state.models) {
    if (m.failed || !m.ast || m.input.precompiled) continue;
    const found = new Map<string, VolatileCall>();
    collect(m.ast, found);
    m.volatileCalls = [...found.values()];
  }
}

