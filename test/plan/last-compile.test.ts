// The record's flat encodings round-trip whatever a column name holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filesOf, lastColumnsText, lastFiles, lastModelColumns, lastUpstream, upstreamText, type LastCompile, type LastModel } from '../../src/plan/last-compile.js';
import type { Cid } from '../../src/objects/ids.js';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stampProjectFiles } from '../../src/project/index.js';

test('columns, inputs and stamps round-trip through the flat record', () => {
  const columns = [
    { name: 'id', type: 'BIGINT', classification: [] }, { name: 'a\tb', type: 'VARCHAR', classification: ['pii'] },
    { name: 'back\\slash\\t', type: 'STRUCT(x INTEGER, "y z" VARCHAR)', classification: ['financial', 'odd\ttag, "quoted"\\'] },
    { name: '', type: 'DECIMAL(18,2)', classification: [] }, { name: '\\', type: 'INTEGER[]', classification: ['pii'] },
  ];
  const m: LastModel = ['m', 'bafy' as Cid, 'models/m.sql', upstreamText(['a', 'src_b']), lastColumnsText(columns)];
  assert.deepEqual(lastModelColumns(m), columns);
  assert.deepEqual(lastUpstream(m), ['a', 'src_b']);
  assert.deepEqual(lastUpstream(['n', 'bafy' as Cid, 'models/n.sql', upstreamText([]), lastColumnsText([])]), []);
  assert.deepEqual(lastModelColumns(['n', 'bafy' as Cid, 'models/n.sql', '', lastColumnsText([])]), []);
  const table = { paths: ['models/m.sql', 'sources.yaml'], stamps: Float64Array.from([12, 1763697233123.4567, 1763697233999.0001, 4242, 0, 1, 2, 3]) };
  assert.deepEqual(lastFiles({ files: filesOf(table) } as unknown as LastCompile), table);
  assert.deepEqual(lastFiles({ files: filesOf({ paths: [], stamps: new Float64Array(0) }) } as unknown as LastCompile), { paths: [], stamps: new Float64Array(0) });
  assert.equal(lastFiles({ files: { paths: 'a\nb', stamps: filesOf(table).stamps.slice(0, 20) } } as unknown as LastCompile), null, 'stamps that do not fit their paths');
});

test('the stamps of the project files are their stats', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rocky-stamps-'));
  try {
    mkdirSync(join(dir, 'models'));
    writeFileSync(join(dir, 'sources.yaml'), 'sources: []\n');
    for (const f of ['a.sql', 'a.yaml', 'b.sql', 'c.yml', 'notes.txt']) writeFileSync(join(dir, 'models', f), f);
    mkdirSync(join(dir, 'models', 'd.sql')); // a directory is not a model file
    const here = stampProjectFiles(dir);
    assert.deepEqual([...here.paths].sort(), ['models/a.sql', 'models/a.yaml', 'models/b.sql', 'models/c.yml', 'sources.yaml']);
    const st = statSync(join(dir, 'models', 'b.sql'));
    const i = here.paths.indexOf('models/b.sql');
    assert.deepEqual([...here.stamps.subarray(4 * i, 4 * i + 4)], [st.size, st.mtimeMs, st.ctimeMs, st.ino]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
