#!/usr/bin/env node
// The git-rocky executable: `git rocky <command>` runs this with the arguments unchanged. It runs
// the single-file build (dist/git-rocky.cjs, scripts/build-bundle.mjs), compiled through V8's
// code cache when one is at hand: compiling the 1.4 MB bundle from source costs 30-60 ms, a
// quarter of a short command (`--version`, `--help`, a compile with little changed).
//
// The cache is one file per command (each command compiles different functions, lazily, and the
// cache holds those compiled by the runs that wrote it) and per installed copy of the bundle, so a
// rebuild or an upgrade overwrites the files instead of adding more: in $ROCKY_CODE_CACHE, else
// $XDG_CACHE_HOME/git-rocky, else ~/.cache/git-rocky; ROCKY_CODE_CACHE=0 turns it off.
// Data that does not fit is never used: it names the hash of the bundle it was made from; V8
// rejects data made by another version or under other flags; and a checksum guards the data
// itself, since V8 (in release builds) does not verify it and aborts the process on corrupt data.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

const bundle = path.join(__dirname, '..', 'dist', 'git-rocky.cjs');

const MAGIC = Buffer.from('rocky-v8-cache 3\n', 'latin1');
// magic, sha-256 of the bundle, generation, runs without growth, crc-32 of the data
const HEAD = MAGIC.length + 32 + 1 + 1 + 4;
const GENERATION_AT = HEAD - 6;
const STILL_AT = HEAD - 5;
/** A cache holds the functions compiled by the runs that wrote it, and a command takes different
 *  paths (a whole compile, a nothing-changed one, an incremental one). So the runs that use a
 *  cache make its data again at exit (~4 ms) and write it if it grew by more than 4 KB (they
 *  compiled functions it lacked: an incremental compile after a whole one adds ~25 KB), up to
 *  GENERATIONS writes; after STILL_RUNS runs in a row that added nothing, they stop trying. */
const GENERATIONS = 8;
const STILL_RUNS = 4;

/** Where this bundle's cache for this command lies, or null when caching is off. */
function cachePath() {
  const setting = process.env.ROCKY_CODE_CACHE;
  if (setting === '0') return null;
  const dir = setting || path.join(process.env.XDG_CACHE_HOME || path.join(require('node:os').homedir(), '.cache'), 'git-rocky');
  const command = process.argv.slice(2).find((a) => !a.startsWith('-')) ?? '';
  const where = require('node:crypto').createHash('sha256').update(`${bundle}\0${process.version}\0${process.arch}`).digest('hex');
  return path.join(dir, `${where.slice(0, 24)}-${/^[a-z][a-z-]{0,31}$/.test(command) ? command : '_'}.v8`);
}

/** The cached data and its generation, or undefined when absent, made from another bundle, or
 *  damaged. */
function readCache(file, bundleHash) {
  let data;
  try {
    data = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  if (data.length <= HEAD || !data.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  if (!data.subarray(MAGIC.length, MAGIC.length + 32).equals(bundleHash)) return undefined;
  const payload = data.subarray(HEAD);
  if (require('node:zlib').crc32(payload) !== data.readUInt32LE(HEAD - 4)) return undefined;
  return { payload, generation: data[GENERATION_AT], still: data[STILL_AT] };
}

/** Counts a run that added nothing, in place (one byte outside the checksummed data). */
function countStill(file, still) {
  let fd;
  try {
    fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.from([still]), 0, 1, STILL_AT);
  } catch {
    // a cache is optional
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function writeCache(file, bundleHash, generation, payload) {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const crc = Buffer.alloc(4);
    crc.writeUInt32LE(require('node:zlib').crc32(payload));
    fs.writeFileSync(tmp, Buffer.concat([MAGIC, bundleHash, Buffer.from([generation, 0]), crc, payload]));
    // Atomic: a concurrent reader sees the old file or the new one, never a part.
    fs.renameSync(tmp, file);
  } catch {
    try { fs.rmSync(tmp, { force: true }); } catch { /* nothing to clean up */ }
  }
}

function runThroughCodeCache() {
  exposeGc();
  const vm = require('node:vm');
  const bytes = fs.readFileSync(bundle);
  let source = bytes.toString('utf8');
  // A #! line is valid at the start of a file Node runs, not inside the function wrapper.
  if (source.startsWith('#!')) source = `//${source.slice(2)}`;
  const wrapped = Module.wrap(source);
  let script;
  try {
    const file = cachePath();
    const bundleHash = file && require('node:crypto').createHash('sha256').update(bytes).digest();
    const cached = file ? readCache(file, bundleHash) : undefined;
    script = new vm.Script(wrapped, { filename: bundle, cachedData: cached?.payload });
    const fresh = cached === undefined || script.cachedDataRejected;
    if (file && (fresh || (cached.generation < GENERATIONS && cached.still < STILL_RUNS))) {
      // At exit, so that the functions this command compiled along the way are in it. Not after
      // a usage error (exit status 2): that run compiled little, and a mistyped command name
      // would leave a file of its own.
      process.once('exit', (code) => {
        if (code === 2) return;
        try {
          const data = script.createCachedData();
          if (fresh) writeCache(file, bundleHash, 1, data);
          else if (data.length > cached.payload.length + 4096) writeCache(file, bundleHash, cached.generation + 1, data);
          else countStill(file, cached.still + 1);
        } catch {
          // a cache is optional
        }
      });
    }
  } catch {
    script = new vm.Script(wrapped, { filename: bundle });
  }
  // Run as the CommonJS module it was built as: its require resolves packages (the native DuckDB
  // binding) from where the bundle lies, whatever the working directory.
  const mod = new Module(bundle, module);
  mod.filename = bundle;
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(bundle), mod, bundle, path.dirname(bundle));
}

/** V8's gc as globalThis.gc, for the one full collection a large compile asks for
 *  (src/util/collect-garbage.ts). The flag only takes effect in contexts made after it is set,
 *  so gc is fetched from a fresh one. Set before the bundle is compiled, so the code cache is
 *  always made and read under the same flags. */
function exposeGc() {
  try {
    require('node:v8').setFlagsFromString('--expose-gc');
    globalThis.gc ??= require('node:vm').runInNewContext('gc');
  } catch {
    // without it, a large compile's peak memory is higher, nothing else
  }
}

/** A compile starts with a stat of every project file (~60-70 ms at 10,000 models): a `find`
 *  process takes it on the other core while this thread compiles and starts the bundle, which
 *  takes the result when its compile asks (src/project/take-prescan.ts checks it, and scans in
 *  place without it). Only for `compile`, the one command that scans; not on Windows. */
function startPrescan() {
  if (process.argv.slice(2).find((a) => !a.startsWith('-')) !== 'compile' || process.env.ROCKY_PRESCAN === '0' || process.platform === 'win32') return;
  let fd;
  try {
    // The project's root as the bundle finds it (src/project/find-project-root.ts).
    let root = path.resolve(process.cwd());
    while (!fs.existsSync(path.join(root, 'rocky.yaml'))) {
      const up = path.dirname(root);
      if (up === root) return;
      root = up;
    }
    const sources = path.join(root, 'sources.yaml');
    // Into a file, not a pipe: ~700 KB at 10,000 models, which would fill a pipe this thread
    // does not drain while it loads the bundle, and stall find. Unlinked at once: the
    // descriptors keep it, and nothing is left behind whatever happens.
    const file = path.join(require('node:os').tmpdir(), `git-rocky-scan-${process.pid}-${Date.now()}`);
    fd = fs.openSync(file, 'wx+', 0o600);
    fs.unlinkSync(file);
    const at = Date.now(); // before the stats, as a scan in place takes it
    // The format is src/project/take-prescan.ts's LISTING_FORMAT (a test holds them equal).
    // TZ=UTC: find's times go through the time zone, which costs a look at its files per time.
    const child = require('node:child_process').spawn('find', [
      ...(fs.existsSync(sources) ? [sources] : []), path.join(root, 'models'), '-printf', '"%y",%s,%Ts,1%TS,%Cs,1%CS,%i,"%p",',
    ], { stdio: ['ignore', fd, 'ignore'], env: { ...process.env, TZ: 'UTC' } });
    globalThis[Symbol.for('git-rocky.prescan')] = new Promise((resolve) => {
      let done = false;
      const end = (code) => {
        if (done) return;
        done = true;
        try {
          const listing = code === 0 ? Buffer.alloc(fs.fstatSync(fd).size) : null;
          if (listing) fs.readSync(fd, listing, 0, listing.length, 0);
          resolve(listing ? { root, at, listing } : null);
        } catch {
          resolve(null);
        } finally {
          fs.closeSync(fd);
        }
      };
      child.once('error', () => end(null));
      child.once('exit', (code) => end(code));
    });
  } catch {
    // the compile scans in place
    if (fd !== undefined && globalThis[Symbol.for('git-rocky.prescan')] === undefined) fs.closeSync(fd);
  }
}

if (process.argv.includes('--debug')) {
  exposeGc();
  // Stack traces in terms of src/ (dist/git-rocky.cjs.map): Node applies source maps to the
  // modules it loads itself, not to scripts compiled through vm. Rare enough to skip the cache.
  process.setSourceMapsEnabled(true);
  require(bundle);
} else {
  startPrescan();
  runThroughCodeCache();
}
