#!/usr/bin/env node
// Summarizes a .cpuprofile (node --cpu-prof): top self and inclusive times by function and file.
// usage: node scripts/bench/profile-top.mjs <dir-or-file> [N] [filter-regex]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
const [target, nArg, filter] = process.argv.slice(2);
const file = statSync(target).isDirectory() ? join(target, readdirSync(target)[0]) : target;
const p = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n) => `${n.callFrame.functionName} ${n.callFrame.url.split('/').slice(-2).join('/')}`;
const self = new Map();
const incl = new Map();
p.samples.forEach((s, i) => {
  const d = p.timeDeltas[i] ?? 0;
  self.set(name(byId.get(s)), (self.get(name(byId.get(s))) ?? 0) + d);
  const seen = new Set();
  for (let id = s; id !== undefined; id = parent.get(id)) {
    const k = name(byId.get(id));
    if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) ?? 0) + d); }
  }
});
const n = Number(nArg ?? 20);
const re = filter ? new RegExp(filter) : null;
const show = (m) => [...m].filter(([k]) => !re || re.test(k)).sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${(v / 1000).toFixed(0).padStart(7)} ms  ${k}`).join('\n');
console.log(`SELF\n${show(self)}\nINCLUSIVE\n${show(incl)}`);
