// The record's flat encodings round-trip whatever a column name holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileLines, lastColumnsText, lastFiles, lastModelColumns, lastUpstream, upstreamText, type LastCompile, type LastModel } from '../../src/plan/last-compile.js';
import type { Cid } from '../../src/objects/ids.js';
import type { FileStamp } from '../../src/project/index.js';

test('columns, inputs and stamps round-trip through the flat record', () => {
  const columns = [
    { name: 'id', type: 'BIGINT' }, { name: 'a\tb', type: 'VARCHAR' }, { name: 'back\\slash\\t', type: 'STRUCT(x INTEGER, "y z" VARCHAR)' },
    { name: '', type: 'DECIMAL(18,2)' }, { name: '\\', type: 'INTEGER[]' },
  ];
  const m: LastModel = ['m', 'bafy' as Cid, 'models/m.sql', upstreamText(['a', 'src_b']), lastColumnsText(columns)];
  assert.deepEqual(lastModelColumns(m), columns);
  assert.deepEqual(lastUpstream(m), ['a', 'src_b']);
  assert.deepEqual(lastUpstream(['n', 'bafy' as Cid, 'models/n.sql', upstreamText([]), lastColumnsText([])]), []);
  assert.deepEqual(lastModelColumns(['n', 'bafy' as Cid, 'models/n.sql', '', lastColumnsText([])]), []);
  const stamps = new Map<string, FileStamp>([['models/m.sql', [12, 1763697233123.4567, 1763697233999.0001, 4242]], ['sources.yaml', [0, 1, 2, 3]]]);
  assert.deepEqual(lastFiles({ files: fileLines(stamps) } as unknown as LastCompile), stamps);
});
