// A content-addressed cache of DuckDB parse trees: sha256 of a model's text -> its tree, so a
// recompile parses only the models whose text changed. One file per project
// (.rocky/cache/parse-v1.json), bound to the DuckDB version that produced the trees (another
// version's trees are dropped, never trusted), written atomically (temp file + rename) and only
// when something new was parsed. A missing or unreadable cache is an empty one.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { replaceFile } from '../util/replace-file.js';
import type { OnTree } from './types.js';

interface CacheFile {
  readonly version: 1;
  readonly engine: string;
  readonly entries: readonly (readonly [string, string])[];
}

/** Entries kept beyond the ones the last compile used (other branches' model versions). */
const KEEP = 50_000;

export class ParseCache {
  private readonly entries: Map<string, string>;
  private readonly used = new Set<string>();
  private dirty = false;
  hits = 0;
  misses = 0;

  private constructor(private readonly file: string, private readonly engine: string, entries: Map<string, string>) {
    this.entries = entries;
  }

  static load(file: string, engine: string): ParseCache {
    let entries = new Map<string, string>();
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
      if (data.version === 1 && data.engine === engine && Array.isArray(data.entries)) entries = new Map(data.entries);
    } catch {
      // absent or unreadable: start empty
    }
    return new ParseCache(file, engine, entries);
  }

  /** Wraps a parser so only texts without a cached tree reach it. `onTree` gets every tree, by
   *  index: the cached ones at once, the parsed ones as the parser delivers them; the array
   *  returned is then empty, as the parser's is (the cache keeps the trees it saves). */
  wrap(parse: (sqls: readonly string[], onTree?: OnTree) => Promise<string[]>): (sqls: readonly string[], onTree?: OnTree) => Promise<string[]> {
    return async (sqls, onTree) => {
      const keys = sqls.map((s) => createHash('sha256').update(s).digest('hex'));
      const missing: number[] = [];
      keys.forEach((k, i) => {
        const hit = this.entries.get(k);
        if (hit === undefined) return void missing.push(i);
        this.hits++;
        onTree?.(i, hit);
      });
      this.misses += missing.length;
      if (missing.length) {
        // Taken as they arrive whether or not the caller listens: a parser handing trees over
        // returns none.
        const trees = await parse(missing.map((i) => sqls[i]), (j, tree) => {
          this.entries.set(keys[missing[j]], tree);
          onTree?.(missing[j], tree);
        });
        missing.forEach((i, j) => { if (!this.entries.has(keys[i]) && trees[j] !== undefined) this.entries.set(keys[i], trees[j]); });
        this.dirty = true;
      }
      for (const k of keys) this.used.add(k);
      return onTree ? [] : keys.map((k) => this.entries.get(k) as string);
    };
  }

  /** Persists the cache if this compile parsed anything new: used entries first, then older ones
   *  up to a bound. Best effort: a cache that cannot be written costs only a re-parse. */
  save(): void {
    if (!this.dirty) return;
    const entries: [string, string][] = [];
    for (const k of this.used) entries.push([k, this.entries.get(k) as string]);
    for (const [k, v] of this.entries) if (!this.used.has(k) && entries.length < this.used.size + KEEP) entries.push([k, v]);
    const data: CacheFile = { version: 1, engine: this.engine, entries };
    try {
      replaceFile(this.file, JSON.stringify(data));
      this.dirty = false;
    } catch {
      // read-only checkout, full disk: the next compile parses again
    }
  }
}
