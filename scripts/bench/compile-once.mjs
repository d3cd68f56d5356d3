#!/usr/bin/env node
// One cold compile of a project directory in a fresh process (so peak RSS is this compile's):
// prints JSON with the phases in ms and the peak RSS in MB. Uses the built dist/. With MEM=1 it
// also prints RSS and heap after each compile phase to stderr.
import { performance } from 'node:perf_hooks';
const t0 = performance.now();
const { loadProject, workTreeFiles, WorkTreeStamps, stampProjectFiles } = await import('../../dist/project/index.js');
const { compilePlan } = await import('../../dist/plan/compile-plan.js');
const { openDuckDb } = await import('../../dist/warehouse/index.js');
const tImport = performance.now();
const root = process.argv[2];
const wh = await openDuckDb(':memory:', { lowMemory: true }); // as the workspace opens its parser
const tOpen = performance.now();
let parseMs = 0;
let parserOpen = true;
let tParseStart = null;
let tPassesDone = null;
// Trees handed over as each batch arrives (onTree), as the workspace's parser does: the compile
// reads them into ASTs while DuckDB parses the next batches.
const timedParse = async (sqls, onTree) => { const s = performance.now(); tParseStart ??= s; const r = await wh.parseSql(sqls, onTree); parseMs += performance.now() - s; return r; };
// As the workspace reads them: each file stamped as it is read (the incremental compile's record).
const stamps = new WorkTreeStamps();
stamps.scan(stampProjectFiles(root));
const loaded = await loadProject(workTreeFiles(root, stamps));
const tLoad = performance.now();
const phases = {};
const compiled = await compilePlan(loaded.project, {
  parseSql: timedParse,
  describeSource: (o) => wh.describeSource(o),
  // As the workspace does: the parser's DuckDB is closed once the trees are in.
  // ...and a compile that parsed this many collects its garbage then (bench.mjs runs this with
  // --expose-gc, as bin/git-rocky.cjs runs the CLI; src/util/collect-garbage.ts).
  doneParsing: async () => { await wh.close(); parserOpen = false; globalThis.gc?.(); },
  root,
  onPhase: (p, ms) => { phases[p] = Math.round(ms); if (p === 'compile') tPassesDone = performance.now(); if (process.env.MEM) { const m = process.memoryUsage(); console.error(p, 'rss', m.rss >> 20, 'heap', m.heapUsed >> 20, 'ext', m.external >> 20, 'ab', m.arrayBuffers >> 20); } },
}, loaded.diagnostics);
const tCompile = performance.now();
const compilePeakRss = Math.round(process.resourceUsage().maxRSS / 1024);
if (parserOpen) await wh.close();
// Lineage after load: index the graph once, then trace one raw key column downstream (it feeds
// every join key downstream of it) and one fact column upstream.
const { buildLineageGraph, traceDownstream, traceUpstream } = await import('../../dist/lineage/index.js');
const tg = performance.now();
const graph = buildLineageGraph(compiled);
const tIndexed = performance.now();
const down = traceDownstream(graph, 'raw_0.id');
const tDown = performance.now();
const up = traceUpstream(graph, 'fct_0.rolling_total');
const tUp = performance.now();
const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
console.log(JSON.stringify({
  models: compiled.models.size, errors: errors.length, first_error: errors[0]?.message ?? null,
  import_ms: Math.round(tImport - t0), open_duckdb_ms: Math.round(tOpen - tImport), read_files_ms: Math.round(tLoad - tOpen),
  parse_ms: Math.round(parseMs), sql_passes_ms: phases.compile, objects_ms: phases.objects,
  // Wall time from the first text sent to DuckDB to the end of the passes (the parse overlaps
  // the sources' encoding, so parse_ms + sql_passes_ms would overstate it).
  parse_resolve_dag_types_ms: Math.round(tPassesDone - tParseStart),
  compile_total_ms: Math.round(tCompile - tOpen), wall_ms: Math.round(tCompile - t0),
  lineage_index_ms: Math.round(tIndexed - tg), downstream_trace_ms: +(tDown - tIndexed).toFixed(2), downstream_edges: down.length,
  upstream_trace_ms: +(tUp - tDown).toFixed(2), upstream_edges: up.length,
  // The compile's own peak, and the process's after the lineage index was built too.
  peak_rss_mb: compilePeakRss, peak_rss_with_lineage_index_mb: Math.round(process.resourceUsage().maxRSS / 1024),
}));
