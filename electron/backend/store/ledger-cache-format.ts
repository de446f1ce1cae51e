import { z } from 'zod';
import { CASE_STATUSES, CATEGORIES, CHANNELS, KINDS, SOURCES } from '../../../shared/domain/case.js';
import type { CaseSummary } from '../../../shared/domain/ledger.js';
import { STAGES } from '../../../shared/domain/loop.js';

/**
 * The ledger cache (store.ts): every case's summary by shard, with the stamp of the shard file it was made from.
 * A summary is stored as a tuple and each fixed list's value as its position, a third of the text of the objects:
 * the cache is read at every start-up, before anything else can be shown.
 */
const position = (list: readonly string[]) => z.number().int().min(0).max(list.length - 1);

export const PackedSummary = z.tuple([
  z.string(), // id
  z.string(), // caseNo
  z.string(), // receivedDate
  z.string(), // createdAt
  z.string(), // updatedAt
  position(CHANNELS),
  position(SOURCES),
  position(KINDS),
  z.array(position(CATEGORIES)),
  z.array(z.string()), // domains
  z.string(), // region
  z.string(), // upperOffice
  z.string(), // upperRefNo
  z.array(z.tuple([z.boolean(), z.string(), z.string(), z.string()])), // accused: is a unit, name, unit, post
  z.string(), // summary
  z.boolean(), // realName
  position(CASE_STATUSES),
  position(STAGES),
  z.number().int().nonnegative(), // attachmentCount
  z.boolean(), // anyFulfilled
  z.array(z.tuple([z.string().nullable(), z.boolean()])), // open deadlines: due, paused
]);
export type PackedSummary = z.infer<typeof PackedSummary>;

export const LedgerCacheDoc = z.object({
  schemaVersion: z.number().int(),
  /** The deadline rules and calendar the summaries' deadlines were computed under (CaseView.deadlineKey). */
  deadlineKey: z.string(),
  shards: z.array(z.object({ stamp: z.string(), summaries: z.array(PackedSummary) })),
});
export type LedgerCacheDoc = z.infer<typeof LedgerCacheDoc>;

export interface LedgerCache {
  deadlineKey: string;
  /** Per shard: the stamp of the file the summaries were made from ('' for none). */
  shards: { stamp: string; summaries: CaseSummary[] }[];
}

export function packSummary(s: CaseSummary): PackedSummary {
  return [
    s.id,
    s.caseNo,
    s.receivedDate,
    s.createdAt,
    s.updatedAt,
    CHANNELS.indexOf(s.channel),
    SOURCES.indexOf(s.source),
    KINDS.indexOf(s.kind),
    s.categories.map((c) => CATEGORIES.indexOf(c)),
    s.domains,
    s.region,
    s.upperOffice,
    s.upperRefNo,
    s.accused.map((a) => [a.type === 'unit', a.name, a.unit, a.post]),
    s.summary,
    s.realName,
    CASE_STATUSES.indexOf(s.status),
    STAGES.indexOf(s.stage),
    s.attachmentCount,
    s.anyFulfilled,
    s.openDeadlines.map((d) => [d.due, d.paused]),
  ];
}

export function unpackSummary(p: PackedSummary): CaseSummary {
  return {
    id: p[0],
    caseNo: p[1],
    receivedDate: p[2],
    createdAt: p[3],
    updatedAt: p[4],
    channel: CHANNELS[p[5]]!,
    source: SOURCES[p[6]]!,
    kind: KINDS[p[7]]!,
    categories: p[8].map((c) => CATEGORIES[c]!),
    domains: p[9],
    region: p[10],
    upperOffice: p[11],
    upperRefNo: p[12],
    accused: p[13].map(([isUnit, name, unit, post]) => ({ type: isUnit ? 'unit' : 'person', name, unit, post })),
    summary: p[14],
    realName: p[15],
    status: CASE_STATUSES[p[16]]!,
    stage: STAGES[p[17]]!,
    attachmentCount: p[18],
    anyFulfilled: p[19],
    openDeadlines: p[20].map(([due, paused]) => ({ due, paused })),
  };
}
