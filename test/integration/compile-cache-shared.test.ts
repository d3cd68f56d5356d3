// The library and the bundled executable share a project's compile caches (.rocky/cache/): both
// bind them to the same fingerprint of the compiler's sources, so alternating them never starts a
// compile cold, while an edit to the compiler's code still does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile } from '../../src/api/index.js';
import { financeRepo, GIT_ENV, rocky, tempDir } from '../helpers/temp-project.js';

interface CacheStats { parse_cache: { hits: number; misses: number }; compile_cache: { reused: number; compiled: number }; model_count: number }

/** A compile through the library at `apiIndex` (a .ts source under tsx, or tsc's .js output), in
 *  a process of its own started in `cwd` (where node_modules and tsx are found). */
function libraryCompile(cwd: string, apiIndex: string, project: string): CacheStats {
  const script = `import { compile } from ${JSON.stringify(pathToFileURL(apiIndex).href)};
const c = await compile({ cwd: ${JSON.stringify(project)} });
console.log(JSON.stringify({ parse_cache: c.parse_cache, compile_cache: c.compile_cache, model_count: c.model_count }));`;
  const t = tempDir('rocky-compile-script-');
  const file = join(t.dir, 'compile.mts');
  writeFileSync(file, script);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd, env: GIT_ENV, encoding: 'utf8' });
  t.cleanup();
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as CacheStats;
}

function cliCompile(project: string): CacheStats {
  const r = rocky(project, 'compile', '--json');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as CacheStats & { models: unknown[] };
  return { ...out, model_count: out.models.length };
}

const warm = (s: CacheStats, who: string) => {
  assert.ok(s.model_count > 0);
  assert.deepEqual(s.compile_cache, { reused: s.model_count, compiled: 0 }, `${who}: every model from the cache`);
  assert.equal(s.parse_cache.misses, 0, `${who}: nothing parsed`);
};

test('library and executable reuse each other\'s compile cache; an edit to the compiler invalidates it', async (t) => {
  const { dir, cleanup } = await financeRepo();
  t.after(cleanup);

  const cold = await compile({ cwd: dir }); // the library, from src/ (as the tests run it)
  assert.deepEqual(cold.compile_cache, { reused: 0, compiled: cold.model_count });
  warm(cliCompile(dir), 'the executable after the library');
  warm(libraryCompile(process.cwd(), resolve('dist/api/index.js'), dir), "tsc's output after the executable");
  warm(cliCompile(dir), 'the executable again');

  // A copy of the sources: unchanged, it is the same compiler (the cache stays warm); with one
  // file of the compiler edited, every cached result is stale.
  const copy = tempDir('rocky-src-copy-');
  t.after(copy.cleanup);
  cpSync(resolve('src'), join(copy.dir, 'src'), { recursive: true });
  cpSync(resolve('package.json'), join(copy.dir, 'package.json'));
  symlinkSync(resolve('node_modules'), join(copy.dir, 'node_modules'), 'dir');
  const copyIndex = join(copy.dir, 'src', 'api', 'index.ts');
  warm(libraryCompile(copy.dir, copyIndex, dir), 'an unchanged copy of the sources');
  // tsc's output, copied: warm as it is; with a .js file of the compiler changed since the build
  // wrote its fingerprint file (tsc run alone), that file is not trusted.
  const out = tempDir('rocky-dist-copy-');
  t.after(out.cleanup);
  cpSync(resolve('dist'), join(out.dir, 'dist'), { recursive: true });
  cpSync(resolve('package.json'), join(out.dir, 'package.json'));
  symlinkSync(resolve('node_modules'), join(out.dir, 'node_modules'), 'dir');
  const outIndex = join(out.dir, 'dist', 'api', 'index.js');
  warm(libraryCompile(out.dir, outIndex, dir), 'a copy of the built library');
  appendFileSync(join(out.dir, 'dist', 'sql', 'passes.js'), '\n// recompiled\n');
  const recompiled = libraryCompile(out.dir, outIndex, dir);
  assert.deepEqual(recompiled.compile_cache, { reused: 0, compiled: recompiled.model_count }, 'output newer than its fingerprint file trusts no cached result');

  appendFileSync(join(copy.dir, 'src', 'sql', 'passes.ts'), '\n// an edit to the compiler\n');
  const edited = libraryCompile(copy.dir, copyIndex, dir);
  assert.deepEqual(edited.compile_cache, { reused: 0, compiled: edited.model_count }, 'the edited compiler trusts no cached result');
});
