/**
 * 重复件 lists and the periodic report for 通报: chains by count, and a period's repeats by source and upper office,
 * the chains they joined, and the difficult cases flagged and resolved. Pure: the backend passes plain facts.
 */

import { z } from 'zod';
import { DIFFICULT_STATUSES, difficultStatus, type DifficultCase } from './difficult.js';

export interface RepeatReportFacts {
  id: string;
  caseNo: string;
  receivedDate: string;
  source: string;
  upperOffice: string;
  summary: string;
  accused: string;
  repeatOf: string | null;
  difficult: DifficultCase | null;
}

export const RepeatChainRow = z.object({
  firstId: z.string(),
  firstCaseNo: z.string(),
  accused: z.string(),
  summary: z.string(),
  count: z.number().int(),
  firstReceived: z.string(),
  latestReceived: z.string(),
  sources: z.array(z.string()),
  difficult: z.enum(DIFFICULT_STATUSES).nullable(),
});
export type RepeatChainRow = z.infer<typeof RepeatChainRow>;

const Count = z.object({ name: z.string(), count: z.number().int() });

export const RepeatReport = z.object({
  from: z.string(),
  to: z.string(),
  /** Cases received in the period, and those of them linked as repeats. */
  received: z.number().int(),
  repeats: z.number().int(),
  /** repeats / received, rounded to 0.1 %. */
  repeatRate: z.number(),
  bySource: z.array(Count),
  byUpperOffice: z.array(Count),
  /** Chains that received a copy in the period, most copies in the period first. */
  chains: z.array(RepeatChainRow.extend({ inPeriod: z.number().int() })),
  difficult: z.object({
    flagged: z.number().int(),
    resolved: z.number().int(),
    /** Of those resolved in the period: 满意 or 基本满意. */
    satisfied: z.number().int(),
    open: z.number().int(),
  }),
});
export type RepeatReport = z.infer<typeof RepeatReport>;

function byCountThenName(counts: Map<string, number>) {
  return [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh'));
}

/** Every chain of two or more copies (the first case and its repeats), most copies first. */
export function repeatChains(cases: Iterable<RepeatReportFacts>, today: string): RepeatChainRow[] {
  const all = [...cases];
  const copies = new Map<string, RepeatReportFacts[]>();
  for (const c of all) {
    if (!c.repeatOf) continue;
    const list = copies.get(c.repeatOf);
    if (list) list.push(c);
    else copies.set(c.repeatOf, [c]);
  }
  const byId = new Map(all.map((c) => [c.id, c]));
  const rows: RepeatChainRow[] = [];
  for (const [firstId, repeats] of copies) {
    const first = byId.get(firstId);
    if (!first) continue;
    const chain = [first, ...repeats].sort((a, b) => a.receivedDate.localeCompare(b.receivedDate));
    rows.push({
      firstId,
      firstCaseNo: first.caseNo,
      accused: first.accused,
      summary: first.summary.length > 80 ? `${first.summary.slice(0, 80)}…` : first.summary,
      count: chain.length,
      firstReceived: chain[0]!.receivedDate,
      latestReceived: chain[chain.length - 1]!.receivedDate,
      sources: [...new Set(chain.map((c) => c.upperOffice || c.source))],
      difficult: first.difficult ? difficultStatus(first.difficult, today) : null,
    });
  }
  return rows.sort((a, b) => b.count - a.count || b.latestReceived.localeCompare(a.latestReceived));
}

/** The periodic repeat report (from and to inclusive, YYYY-MM-DD). */
export function repeatReport(cases: Iterable<RepeatReportFacts>, from: string, to: string, today: string): RepeatReport {
  const all = [...cases];
  const inPeriod = (date: string) => date >= from && date <= to;
  const received = all.filter((c) => inPeriod(c.receivedDate));
  const repeats = received.filter((c) => c.repeatOf);
  const bySource = new Map<string, number>();
  const byUpperOffice = new Map<string, number>();
  const perChain = new Map<string, number>();
  for (const c of repeats) {
    bySource.set(c.source, (bySource.get(c.source) ?? 0) + 1);
    if (c.upperOffice) byUpperOffice.set(c.upperOffice, (byUpperOffice.get(c.upperOffice) ?? 0) + 1);
    perChain.set(c.repeatOf!, (perChain.get(c.repeatOf!) ?? 0) + 1);
  }
  const chains = repeatChains(all, today)
    .filter((r) => perChain.has(r.firstId))
    .map((r) => ({ ...r, inPeriod: perChain.get(r.firstId)! }))
    .sort((a, b) => b.inPeriod - a.inPeriod || b.count - a.count);
  const flagged = all.flatMap((c) => (c.difficult ? [c.difficult] : []));
  const resolved = flagged.filter((d) => d.resolution && inPeriod(d.resolution.date));
  return {
    from,
    to,
    received: received.length,
    repeats: repeats.length,
    repeatRate: received.length ? Math.round((repeats.length / received.length) * 1000) / 10 : 0,
    bySource: byCountThenName(bySource),
    byUpperOffice: byCountThenName(byUpperOffice),
    chains,
    difficult: {
      flagged: flagged.filter((d) => inPeriod(d.flaggedAt.slice(0, 10))).length,
      resolved: resolved.length,
      satisfied: resolved.filter((d) => d.resolution!.satisfaction !== '不满意').length,
      open: flagged.filter((d) => !d.resolution).length,
    },
  };
}
