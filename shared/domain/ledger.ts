import { z } from 'zod';
import { CASE_STATUSES, CATEGORIES, CHANNELS, IsoDate, KINDS, SOURCES, type CaseStatus, type Category, type Channel, type Kind, type Source } from './case.js';
import { ALERTS } from './deadlines.js';
import { STAGES, type Stage } from './loop.js';

/** 台账 query: filters, search, sort and page; executed in the backend over an in-memory index. */
export const LedgerFilter = z.object({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  sources: z.array(z.enum(SOURCES)).default([]),
  channels: z.array(z.enum(CHANNELS)).default([]),
  kinds: z.array(z.enum(KINDS)).default([]),
  categories: z.array(z.enum(CATEGORIES)).default([]),
  statuses: z.array(z.enum(CASE_STATUSES)).default([]),
  regions: z.array(z.string().max(30)).default([]),
  alerts: z.array(z.enum(ALERTS)).default([]),
  /** 编号, names (also pinyin initials such as “zs” for 张三), units, summary text. */
  search: z.string().trim().max(100).default(''),
});
export type LedgerFilter = z.infer<typeof LedgerFilter>;

export const LEDGER_SORT_FIELDS = ['receivedDate', 'caseNo', 'createdAt', 'updatedAt'] as const;
export const LedgerQuery = LedgerFilter.extend({
  sortBy: z.enum(LEDGER_SORT_FIELDS).default('receivedDate'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(500).default(50),
});
export type LedgerQuery = z.infer<typeof LedgerQuery>;

export const LedgerRow = z.object({
  id: z.string(),
  caseNo: z.string(),
  receivedDate: z.string(),
  channel: z.enum(CHANNELS),
  source: z.enum(SOURCES),
  kind: z.enum(KINDS),
  categories: z.array(z.enum(CATEGORIES)),
  region: z.string(),
  accused: z.string(),
  summary: z.string(),
  realName: z.boolean(),
  status: z.enum(CASE_STATUSES),
  stage: z.enum(STAGES),
  alert: z.enum(ALERTS),
  attachmentCount: z.number().int(),
});
export type LedgerRow = z.infer<typeof LedgerRow>;

export const LedgerPage = z.object({ total: z.number().int(), rows: z.array(LedgerRow), tookMs: z.number() });
export type LedgerPage = z.infer<typeof LedgerPage>;

/**
 * What the ledger needs of one case: its filters, search text, sort keys, row and the deadlines behind its colour.
 * Kept in the ledger cache, so the ledger is ready at start-up before every record has been read.
 */
export interface CaseSummary {
  id: string;
  caseNo: string;
  receivedDate: string;
  createdAt: string;
  updatedAt: string;
  channel: Channel;
  source: Source;
  kind: Kind;
  categories: Category[];
  domains: string[];
  region: string;
  upperOffice: string;
  upperRefNo: string;
  accused: { type: 'person' | 'unit'; name: string; unit: string; post: string }[];
  summary: string;
  realName: boolean;
  status: CaseStatus;
  stage: Stage;
  attachmentCount: number;
  /** Whether any deadline has been met (blue), and the open ones, under the rules and calendar it was made with. */
  anyFulfilled: boolean;
  openDeadlines: { due: string | null; paused: boolean }[];
}
