// The compile's stat scan taken by `find` at start (bin/git-rocky.cjs): what it lists must be
// exactly what a scan in place gives, or nothing at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LISTING_FORMAT, PRESCAN, parseListing, takePrescan } from '../../src/project/take-prescan.js';
import { stampProjectFiles, type StampTable } from '../../src/project/stamp-project-files.js';

const CLI = resolve('bin/git-rocky.cjs');

function project(files: Record<string, string>): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'rocky-prescan-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** find as the executable runs it. */
function listing(root: string): Buffer {
  return execFileSync('find', [join(root, 'sources.yaml'), join(root, 'models'), '-printf', LISTING_FORMAT], { env: { ...process.env, TZ: 'UTC' } });
}

const sorted = (t: StampTable) => t.paths.map((p, i) => [p, ...t.stamps.subarray(4 * i, 4 * i + 4)]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));

test("find's listing gives exactly the stamps of a scan in place", (t) => {
  const files: Record<string, string> = { 'rocky.yaml': 'name: p\n', 'sources.yaml': 'sources: []\n', 'models/notes.txt': 'not a model', 'models/sub/x.sql': 'SELECT 1' };
  for (let i = 0; i < 300; i++) files[`models/m_${i}.${['sql', 'yaml', 'yml'][i % 3]}`] = `SELECT ${i}`;
  files['models/with space é€.sql'] = 'SELECT 2';
  const p = project(files);
  t.after(p.cleanup);
  const table = parseListing(p.root, listing(p.root));
  assert.ok(table, 'the listing parses');
  assert.equal(table.paths.length, 303, 'models/** at any depth (models/sub/x.sql)');
  assert.ok(table.paths.includes('models/sub/x.sql'));
  assert.deepEqual(sorted(table), sorted(stampProjectFiles(p.root)));
});

test('a link, a backslash or a quote in a name, another root or a torn listing: nothing, not a wrong table', (t) => {
  const p = project({ 'rocky.yaml': 'name: p\n', 'sources.yaml': 'sources: []\n', 'models/a.sql': 'SELECT 1' });
  t.after(p.cleanup);
  const good = listing(p.root);
  assert.ok(parseListing(p.root, good));
  assert.equal(parseListing(`${p.root}-other`, good), null);
  assert.equal(parseListing(p.root, good.subarray(0, good.length - 5)), null);
  assert.equal(parseListing(p.root, Buffer.from('"f",1,2,3')), null);
  symlinkSync(join(p.root, 'models', 'a.sql'), join(p.root, 'models', 'b.sql'));
  assert.equal(parseListing(p.root, listing(p.root)), null, 'a link');
  rmSync(join(p.root, 'models', 'b.sql'));
  writeFileSync(join(p.root, 'models', 'back\\slash.sql'), 'SELECT 1');
  assert.equal(parseListing(p.root, listing(p.root)), null, 'a backslash');
  rmSync(join(p.root, 'models', 'back\\slash.sql'));
  writeFileSync(join(p.root, 'models', 'q"uote.sql'), 'SELECT 1');
  assert.equal(parseListing(p.root, listing(p.root)), null, 'a quote');
});

test('the scan is taken once, for its root, and only if a stat here agrees with it', async (t) => {
  const p = project({ 'rocky.yaml': 'name: p\n', 'sources.yaml': 'sources: []\n', 'models/a.sql': 'SELECT 1', 'models/b.sql': 'SELECT 2' });
  t.after(p.cleanup);
  const holder = globalThis as { [PRESCAN]?: unknown };
  const at = Date.now();
  holder[PRESCAN] = Promise.resolve({ root: p.root, at, listing: listing(p.root) });
  const taken = await takePrescan(p.root);
  assert.ok(taken);
  assert.equal(taken.at, at);
  assert.deepEqual(sorted(taken.table), sorted(stampProjectFiles(p.root)));
  assert.equal(await takePrescan(p.root), null, 'once');
  holder[PRESCAN] = Promise.resolve({ root: p.root, at, listing: listing(p.root) });
  assert.equal(await takePrescan(`${p.root}/models`), null, 'another root');
  // A listing whose first file's times are not what a stat gives (another find's format).
  const text = listing(p.root).toString('utf8');
  const shifted = text.replace(/^("f",\d+,\d+,1\d\d\.)(\d)/, (_, head: string, d: string) => `${head}${(Number(d) + 1) % 10}`);
  assert.notEqual(shifted, text);
  holder[PRESCAN] = Promise.resolve({ root: p.root, at, listing: Buffer.from(shifted) });
  assert.equal(await takePrescan(p.root), null, 'a stat disagrees');
  holder[PRESCAN] = Promise.reject(new Error('find failed'));
  assert.equal(await takePrescan(p.root), null);
});

test('the executable runs find with this format, and its compile takes the listing', (t) => {
  assert.ok(readFileSync(CLI, 'utf8').includes(`'-printf', '${LISTING_FORMAT}'`), 'bin/git-rocky.cjs uses LISTING_FORMAT');
  const p = project({ 'rocky.yaml': 'name: p\n', 'sources.yaml': 'sources:\n  - name: raw\n    table: raw.t\n    columns:\n      id: { type: BIGINT }\n', 'models/a.sql': 'SELECT id FROM raw\n', 'models/staging/b.sql': 'SELECT id FROM a\n' });
  t.after(p.cleanup);
  execFileSync('git', ['init', '-q'], { cwd: p.root });
  // A preload that watches the hand-over: the launcher sets the promise, the bundle reads it.
  const hook = join(p.root, 'hook.cjs');
  const out = join(p.root, 'hook.json');
  writeFileSync(hook, `
const fs = require('node:fs');
const key = Symbol.for('git-rocky.prescan');
const seen = { set: false, read: false, listing: null };
let value;
Object.defineProperty(globalThis, key, { configurable: true,
  get() { seen.read = true; return value; },
  set(v) { seen.set = true; value = v; v.then((r) => { seen.listing = r && r.listing.toString('latin1'); }); } });
process.on('exit', () => fs.writeFileSync(${JSON.stringify(out)}, JSON.stringify(seen)));
`);
  const r = spawnSync(process.execPath, ['--require', hook, CLI, 'compile', '--json'], { cwd: p.root, encoding: 'utf8', env: { ...process.env, ROCKY_CODE_CACHE: '0' } });
  assert.equal(r.status, 0, r.stderr);
  const seen = JSON.parse(readFileSync(out, 'utf8')) as { set: boolean; read: boolean; listing: string | null };
  assert.ok(seen.set && seen.read, 'handed over');
  const table = parseListing(p.root, Buffer.from(seen.listing ?? '', 'latin1'));
  assert.ok(table);
  assert.ok(table.paths.includes('models/staging/b.sql'), 'a subfolder model is in the listing');
  assert.deepEqual(sorted(table), sorted(stampProjectFiles(p.root)));
});
