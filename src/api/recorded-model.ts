// A model of a compile that started from the last compile's record, as `compile` reports it.
import type { Cid } from '../objects/ids.js';
import { lastModelColumns, lastUpstream, type LastModel, type ReportedColumn } from '../plan/last-compile.js';

export interface ReportedModel {
  readonly name: string;
  readonly cid: Cid;
  readonly columns: readonly ReportedColumn[];
  readonly upstream: readonly string[];
}

export function recordedModel(recorded: LastModel): ReportedModel {
  return { name: recorded[0], cid: recorded[1], columns: lastModelColumns(recorded), upstream: lastUpstream(recorded) };
}
