// A file-backed SourcesMemo (.rocky/cache/sources-v1.json): the last sources.yaml text and its
// checked form, bound to the compiler fingerprint (the loader's code is part of it). Written
// atomically; a missing, foreign or unreadable file is simply not used.
import { readFileSync } from 'node:fs';
import { replaceFile } from '../util/replace-file.js';
import type { LoadedSources, SourcesMemo } from '../project/index.js';

interface CacheFile {
  readonly engine: string;
  readonly text: string;
  readonly loaded: LoadedSources;
}

export class SourcesCache implements SourcesMemo {
  private stored: CacheFile | null | undefined;
  private next: CacheFile | null = null;

  constructor(private readonly file: string, private readonly engine: string) {}

  get(text: string): LoadedSources | undefined {
    if (this.stored === undefined) {
      try {
        const data = JSON.parse(readFileSync(this.file, 'utf8')) as CacheFile;
        this.stored = data.engine === this.engine && typeof data.text === 'string' ? data : null;
      } catch {
        this.stored = null;
      }
    }
    return this.stored?.text === text ? this.stored.loaded : undefined;
  }

  set(text: string, loaded: LoadedSources): void {
    this.next = { engine: this.engine, text, loaded };
  }

  /** Best effort, like the other caches. */
  save(): void {
    if (!this.next) return;
    try {
      replaceFile(this.file, JSON.stringify(this.next));
      this.next = null;
    } catch {
      // read-only checkout, full disk
    }
  }
}
