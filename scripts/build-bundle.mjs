#!/usr/bin/env node
// The single-file build the git-rocky executable runs (bin/git-rocky.cjs loads it): one file to
// read and compile instead of hundreds of modules to resolve, read and link, which is most of a
// short command's time. tsc's per-module output stays in dist/ (the library entry, the tests).
//
// CommonJS rather than an ES module, for two measured reasons: the launcher can compile it
// through V8's code cache (vm.Script; ES modules have no such API in Node 20), and the built-in
// modules it needs are required where used instead of all being imported before the first line
// runs (node:crypto, child_process, zlib... ~15 ms on `--version`).
//
// Only @duckdb/node-bindings stays outside: it loads a native .node file. Everything else,
// @duckdb/node-api's JavaScript, isomorphic-git and yaml included, is inlined; the code of a
// package that is required lazily is still evaluated only when first required.
import { build } from 'esbuild';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
// tsc has run (npm run build): the same function the library uses, from its output.
import { FINGERPRINT_FILE, sourceFingerprints } from '../dist/plan/compiler-fingerprint.js';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

/** The compile caches are bound to a hash of the compiler's sources. The library and the
 *  executable must agree on it, or alternating them starts every compile cold: both get the hash
 *  of src/'s TypeScript files, the library from a file beside tsc's output (with the hash of that
 *  output, to know the file is not stale), the executable as a constant
 *  (src/plan/compiler-fingerprint.ts). */
const fingerprints = sourceFingerprints('src');
writeFileSync(`dist/${FINGERPRINT_FILE}`, `${JSON.stringify({ ...fingerprints, output: sourceFingerprints('dist', '.js') })}\n`);

/** @duckdb/node-bindings is a dependency of @duckdb/node-api, not ours: npm may install it
 *  beneath that package rather than beside us, so it is required from there, as node-api would. */
const duckdbBindings = {
  name: 'duckdb-bindings',
  setup(b) {
    b.onResolve({ filter: /^@duckdb\/node-bindings$/ }, () => ({ path: 'duckdb-bindings', namespace: 'rocky' }));
    b.onLoad({ filter: /.*/, namespace: 'rocky' }, () => ({
      loader: 'js',
      contents: [
        "const { createRequire } = require('node:module');",
        "module.exports = createRequire(createRequire(__filename).resolve('@duckdb/node-api'))('@duckdb/node-bindings');",
      ].join('\n'),
    }));
  },
};

/** string-width (yargs' help layout) makes an Intl.Segmenter when it is loaded: ~17 ms of ICU
 *  set-up on every command, measured, though only help text ever measures a string. Made on first
 *  use instead; the module is otherwise unchanged. */
const lazySegmenter = {
  name: 'lazy-segmenter',
  setup(b) {
    b.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const eager = 'const segmenter = new Intl.Segmenter();';
      if (!text.includes(eager)) return undefined; // another version: bundled as it is
      return {
        loader: 'js',
        contents: text.replace(eager, 'let made; const segmenter = { segment: (s) => (made ??= new Intl.Segmenter()).segment(s) };'),
      };
    });
  },
};

/** yargs renders the whole help of a command as it starts its handler, to have it at hand should
 *  the handler later ask for it (showHelp after an await). Ours never do, and never fail into
 *  yargs' help (main.ts's .fail reports errors itself), yet the rendering costs 15-30 ms of every
 *  command (measured: cliui's wrapping). Left out of the bundle; help itself is unchanged. */
const noEagerHelp = {
  name: 'no-eager-help',
  setup(b) {
    b.onLoad({ filter: /[\\/]yargs[\\/]build[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const eager = 'yargs.getInternalMethods().getUsageInstance().cacheHelpMessage();';
      if (!text.includes(eager)) return undefined; // another version: bundled as it is
      return { loader: 'js', contents: text.replace(eager, '/* help rendered when asked for */') };
    });
  },
};

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/git-rocky.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  define: {
    ROCKY_BUNDLE: 'true',
    ROCKY_VERSION: JSON.stringify(pkg.version),
    ROCKY_PARSER_FINGERPRINT: JSON.stringify(fingerprints.parser),
    ROCKY_COMPILER_FINGERPRINT: JSON.stringify(fingerprints.compiler),
    // The code reads import.meta.url to find files beside it; here that is the bundle itself.
    'import.meta.url': '__rocky_import_meta_url',
  },
  banner: { js: 'var __rocky_import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
  plugins: [duckdbBindings, lazySegmenter, noEagerHelp],
  // Whitespace and syntax only: names are kept so that stack traces (--debug) stay readable.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'linked',
  // For --debug (bin/git-rocky.cjs): positions in src/ are all a stack trace needs.
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
});

// git runs `git rocky` through PATH, which needs the launcher executable (npm sets the mode only
// on install; a checkout or a patch may not carry it).
chmodSync('bin/git-rocky.cjs', 0o755);
