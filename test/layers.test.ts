// Checks the import layers of DESIGN.md: who may import whom, and which folders alone may
// import isomorphic-git, multiformats / @ipld/dag-cbor and @duckdb/node-api, or touch argv/stdout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';

const SRC = resolve('src');
const ALLOWED: Record<string, readonly string[]> = {
  util: [],
  objects: ['util'],
  errors: ['objects', 'util'],
  codec: ['objects', 'errors', 'util'],
  store: ['codec', 'objects', 'errors', 'util'],
  warehouse: ['objects', 'errors', 'util'],
  sql: ['objects', 'errors', 'util'],
  project: ['store', 'objects', 'errors', 'util'],
  plan: ['project', 'sql', 'codec', 'objects', 'errors', 'util'],
  lineage: ['plan', 'project', 'sql', 'store', 'codec', 'objects', 'errors', 'util'],
  run: ['plan', 'project', 'sql', 'store', 'warehouse', 'codec', 'objects', 'errors', 'util'],
  branch: ['run', 'plan', 'project', 'store', 'warehouse', 'codec', 'objects', 'errors', 'util'],
  replay: ['run', 'plan', 'sql', 'store', 'warehouse', 'codec', 'objects', 'errors', 'util'],
  governance: ['plan', 'project', 'sql', 'store', 'codec', 'objects', 'errors', 'util'],
  api: ['branch', 'replay', 'run', 'lineage', 'governance', 'plan', 'project', 'sql', 'warehouse', 'store', 'codec', 'objects', 'errors', 'util'],
  cli: ['api', 'objects', 'errors', 'util'],
};
const PACKAGES: Record<string, readonly string[]> = {
  'isomorphic-git': ['store'],
  multiformats: ['codec'],
  '@ipld/dag-cbor': ['codec'],
  '@duckdb/node-api': ['warehouse'],
  yargs: ['cli'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const layerOf = (file: string): string => relative(SRC, file).split(/[\\/]/)[0];

test('every source file sits in a known layer', () => {
  for (const f of files(SRC)) assert.ok(layerOf(f) in ALLOWED, `${relative(SRC, f)}: unknown layer ${layerOf(f)}`);
});

/** The layering problems of one file, given its path under src/ and its text. */
function problemsOf(file: string, text: string): string[] {
  const problems: string[] = [];
  const layer = layerOf(file);
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    const spec = m[1] ?? m[2];
    if (spec.startsWith('.')) {
      const target = layerOf(resolve(dirname(file), spec));
      if (target !== layer && !ALLOWED[layer]?.includes(target)) problems.push(`${relative(SRC, file)} (${layer}) imports ${target}: ${spec}`);
    } else {
      const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      const owners = PACKAGES[pkg];
      if (owners && !owners.includes(layer)) problems.push(`${relative(SRC, file)} (${layer}) imports ${pkg}, reserved to ${owners.join(', ')}`);
    }
  }
  if (layer !== 'cli' && /process\.(argv|stdout|exitCode|exit\()/.test(text)) problems.push(`${relative(SRC, file)} touches process argv/stdout/exit outside cli/`);
  return problems;
}

test('imports respect the layers and the package owners', () => {
  const problems = files(SRC).flatMap((f) => problemsOf(f, readFileSync(f, 'utf8')));
  assert.deepEqual(problems, []);
});

test('the checker reports each kind of violation', () => {
  // Guards against a checker that matches nothing: made-up files that break each rule.
  const sql = join(SRC, 'sql', 'made-up.ts');
  assert.equal(problemsOf(sql, "import { openStore } from '../store/index.js';\n").length, 1, 'a lower layer importing a higher one');
  assert.equal(problemsOf(sql, "const m = await import('../run/run-branch.js');\n").length, 1, 'a dynamic import counts too');
  assert.equal(problemsOf(join(SRC, 'run', 'x.ts'), "import * as git from 'isomorphic-git';\n").length, 1, 'a reserved package');
  assert.equal(problemsOf(join(SRC, 'api', 'x.ts'), 'process.exitCode = 1;\n').length, 1, 'exit codes outside cli/');
  assert.deepEqual(problemsOf(join(SRC, 'run', 'x.ts'), "import { compilePlan } from '../plan/compile-plan.js';\n"), [], 'an allowed import');
});
