// The stat scan of a compile, taken by a `find` process the executable starts before it loads
// the bundle (bin/git-rocky.cjs): the ~10,000 stats of a large project (60-70 ms here, most of it
// in the kernel) then run on the other core, in ~40-50 ms, while this process compiles and starts
// the bundle (~80 ms). A worker thread was measured too: its own start takes ~100 ms on 2 cores,
// longer than the scan. GNU find's -printf gives what a stat here gives; anything else (another
// find, an error, a listing that does not parse or disagrees with a stat taken here) means the
// scan is taken in place, as without it.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { isProjectModelFile, type StampTable } from './stamp-project-files.js';

/** What the executable leaves: find's listing of the project at `root` (sources.yaml and the
 *  entries of models/, in LISTING_FORMAT), and when find started. */
export interface Prescan {
  readonly root: string;
  readonly at: number;
  readonly listing: Buffer;
}

/** Where the executable leaves its promise of a Prescan (null: no answer). */
export const PRESCAN = Symbol.for('git-rocky.prescan');

/** The executable's scan of `root`, once: null when there is none (a library caller), it failed
 *  or does not parse, or it scanned another root. Later scans must be taken anew: the files may
 *  have changed since. */
export async function takePrescan(root: string): Promise<{ at: number; table: StampTable } | null> {
  const holder = globalThis as { [PRESCAN]?: Promise<Prescan | null> };
  const pending = holder[PRESCAN];
  if (!pending) return null;
  delete holder[PRESCAN];
  const scan = await pending.catch(() => null);
  if (!scan || scan.root !== root || !Buffer.isBuffer(scan.listing)) return null;
  const table = parseListing(root, scan.listing);
  return table && agreesWithStat(root, table) ? { at: scan.at, table } : null;
}

/** The format the executable gives find's -printf: per file, JSON values followed by commas,
 *  so that the whole listing is one JSON.parse (native; parsing it in JavaScript cost 25-35 ms,
 *  measured, as it runs once, before any of it is optimized). Times are whole seconds and the
 *  seconds of the minute with their nanoseconds, written `1SS.nnnnnnnnn...` (a leading 1: JSON
 *  forbids a leading 0). */
export const LISTING_FORMAT = '"%y",%s,%Ts,1%TS,%Cs,1%CS,%i,"%p",';
const FIELDS = 8;

/** The stamps in a listing of `find <root>/sources.yaml <root>/models -printf
 *  LISTING_FORMAT` (models/ at any depth), or null when it is not one or holds a symbolic link (find reports the link,
 *  a stat here its target: those projects are scanned in place; following links made find ~50%
 *  slower, measured). */
export function parseListing(root: string, listing: Buffer): StampTable | null {
  // A backslash or a quote in a path would be read as JSON escapes or ends: such listings (and
  // any that is not JSON) are not used.
  if (listing.includes(92)) return null;
  let values: unknown[];
  try {
    values = JSON.parse(`[${listing.toString('utf8')}0]`) as unknown[];
  } catch {
    return null;
  }
  if (values.length % FIELDS !== 1) return null;
  const n = (values.length - 1) / FIELDS;
  const paths: string[] = [];
  const stamps = new Float64Array(4 * n);
  const prefix = `${root}/`;
  let k = 0;
  for (let i = 0; i < values.length - 1; i += FIELDS) {
    const type = values[i], size = values[i + 1], msec = values[i + 2], mfrac = values[i + 3], csec = values[i + 4], cfrac = values[i + 5], ino = values[i + 6], path = values[i + 7];
    if (type === 'l') return null;
    if (typeof path !== 'string' || !path.startsWith(prefix)) return null;
    if (!isCount(size) || !isCount(msec) || !isCount(csec) || !isCount(ino) || !isFraction(mfrac) || !isFraction(cfrac)) return null;
    const rel = path.slice(prefix.length);
    // Directories (models/ itself, and any inside) and whatever else is not a file: skipped, as
    // a scan in place skips them.
    if (type !== 'f') continue;
    if (rel !== 'sources.yaml' && !rel.startsWith('models/')) return null;
    if (rel !== 'sources.yaml' && !isProjectModelFile(rel)) continue;
    paths.push(rel);
    stamps[k++] = size;
    stamps[k++] = msOf(msec, mfrac);
    stamps[k++] = msOf(csec, cfrac);
    stamps[k++] = ino;
  }
  return { paths, stamps: stamps.subarray(0, k) };
}

const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isFraction = (v: unknown): v is number => typeof v === 'number' && v >= 100 && v < 162;

/** A time as Node's stat gives it: seconds * 1000 + nanoseconds / 1e6, computed the same way so
 *  that the double is the same. The nanoseconds come back exactly from `1SS.nnnnnnnnn`: near 150,
 *  a double is off by under 3e-14 s. */
function msOf(sec: number, secondsOfMinute: number): number {
  return sec * 1e3 + Math.round((secondsOfMinute - Math.trunc(secondsOfMinute)) * 1e9) / 1e6;
}

/** One file stat'ed here must carry the stamp the listing gives it: a find that formats times
 *  otherwise would make every stamp differ, and every file be read. */
function agreesWithStat(root: string, table: StampTable): boolean {
  if (table.paths.length === 0) return true;
  const st = statSync(join(root, table.paths[0]), { throwIfNoEntry: false });
  const s = table.stamps;
  return !!st && st.size === s[0] && st.mtimeMs === s[1] && st.ctimeMs === s[2] && st.ino === s[3];
}
