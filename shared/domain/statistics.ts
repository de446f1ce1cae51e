import { z } from 'zod';
import type { Satisfaction } from './aftercare.js';
import { DOCUMENT_TYPE_INFO, DOCUMENT_TYPES, type DocumentType } from '../documents/model.js';
import { daysBetween } from './calendar.js';
import { CATEGORIES, CHANNELS, IsoDate, KINDS, RANKS, SOURCES } from './case.js';
import { OBLIGATION_LABELS, type Obligation } from './deadlines.js';
import { REMINDER_ACTIONS, SUPERVISION_MODES } from './loop.js';

/**
 * 统计与一月一通报: the figures offices publish (research/domain-brief.md §7.9), computed in one pass over the cases
 * from a minimal set of facts per case ({@link StatsCase}), so the dashboard, the monthly 通报 and the CLI give the
 * same numbers. Reporters' identities are not among the facts: only whether a report was made in real name.
 *
 * 统计口径: a statistical month may run from a configured day of the previous month (the 21st to the 20th); every
 * period of the dashboard (month, quarter, year) is made of such months. 三函一书 and 四清单 have no public definition,
 * so both are office-editable sets with defaults, and every rate carries its definition in words.
 */

// ---------------------------------------------------------------------------------------------------------------
// Settings

export const LIST_KINDS = ['overdue', 'backlog', 'repeat', 'supervised'] as const;
export type ListKind = (typeof LIST_KINDS)[number];
export const LIST_KIND_LABELS: Record<ListKind, string> = {
  overdue: '截至期末仍超期的件（按承办单位）',
  backlog: '截至期末未办结且受理超过规定天数的积案',
  repeat: '本期收到的重复件',
  supervised: '本期催办、督办过的件',
};

export const StatsList = z.object({
  name: z.string().trim().min(2, '请填写清单名称').max(20, '清单名称不能超过 20 个字'),
  kind: z.enum(LIST_KINDS),
  /** backlog: open for more than this many days. */
  days: z.number().int().min(1).max(3650).default(90),
});
export type StatsList = z.infer<typeof StatsList>;

export const DocumentSet = z.object({
  name: z.string().trim().min(2, '请填写文书组名称').max(20, '文书组名称不能超过 20 个字'),
  types: z.array(z.enum(DOCUMENT_TYPES)).min(1, '请至少选择一种文书').max(DOCUMENT_TYPES.length),
});
export type DocumentSet = z.infer<typeof DocumentSet>;

/** Defaults, to be confirmed by each office (the brief found no public definition of either term). */
export const DEFAULT_DOCUMENT_SETS: DocumentSet[] = [{ name: '三函一书', types: ['clarification', 'supervision', 'assignment', 'recommendation'] }];
export const DEFAULT_LISTS: StatsList[] = [
  { name: '超期件清单', kind: 'overdue', days: 90 },
  { name: '积案清单', kind: 'backlog', days: 90 },
  { name: '重复件清单', kind: 'repeat', days: 90 },
  { name: '督办件清单', kind: 'supervised', days: 90 },
];

export const StatisticsSettings = z.object({
  /** 统计口径: 1 = calendar month; 21 = a month runs from the 21st of the previous month to the 20th. */
  monthStartDay: z.number().int().min(1, '起始日应在 1–28 日之间').max(28, '起始日应在 1–28 日之间').default(1),
  documentSets: z.array(DocumentSet).max(10).default(() => DEFAULT_DOCUMENT_SETS.map((s) => ({ ...s, types: [...s.types] }))),
  lists: z.array(StatsList).max(10).default(() => DEFAULT_LISTS.map((l) => ({ ...l }))),
  /** 主送 of the monthly 通报. */
  bulletinAddressee: z.string().trim().max(100).default('各乡镇纪委，县纪委监委各派驻（出）纪检监察组，委机关各室'),
});
export type StatisticsSettings = z.infer<typeof StatisticsSettings>;
export const DEFAULT_STATISTICS_SETTINGS: StatisticsSettings = StatisticsSettings.parse({});

// ---------------------------------------------------------------------------------------------------------------
// Periods

export const Period = z.object({ from: IsoDate, to: IsoDate }).refine((p) => p.from <= p.to, '开始日期不能晚于结束日期');
export type Period = z.infer<typeof Period>;

const pad = (n: number) => String(n).padStart(2, '0');
function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
function shiftMonth(year: number, month: number, by: number): [number, number] {
  const m = year * 12 + (month - 1) + by;
  return [Math.floor(m / 12), (m % 12) + 1];
}

/** The statistical month YYYY-MM under the 口径: 2026-05 with start day 21 is 2026-04-21 … 2026-05-20. */
export function statisticalMonth(month: string, startDay: number): Period {
  const [year, m] = month.split('-').map(Number) as [number, number];
  if (startDay <= 1) return { from: `${year}-${pad(m)}-01`, to: `${year}-${pad(m)}-${pad(lastDay(year, m))}` };
  const [py, pm] = shiftMonth(year, m, -1);
  return { from: `${py}-${pad(pm)}-${pad(startDay)}`, to: `${year}-${pad(m)}-${pad(startDay - 1)}` };
}

/** The statistical month a date falls in (YYYY-MM). */
export function monthOf(date: string, startDay: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  if (startDay > 1 && day >= startDay) {
    const [y, m] = shiftMonth(year, month, 1);
    return `${y}-${pad(m)}`;
  }
  return date.slice(0, 7);
}

export function statisticalQuarter(year: number, quarter: 1 | 2 | 3 | 4, startDay: number): Period {
  const first = (quarter - 1) * 3 + 1;
  return { from: statisticalMonth(`${year}-${pad(first)}`, startDay).from, to: statisticalMonth(`${year}-${pad(first + 2)}`, startDay).to };
}

export function statisticalYear(year: number, startDay: number): Period {
  return { from: statisticalMonth(`${year}-01`, startDay).from, to: statisticalMonth(`${year}-12`, startDay).to };
}

/** The statistical months a period touches, in order. */
export function monthsIn(period: Period, startDay: number): string[] {
  const out: string[] = [];
  let month = monthOf(period.from, startDay);
  const last = monthOf(period.to, startDay);
  while (month <= last && out.length < 1200) {
    out.push(month);
    const [y, m] = shiftMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1);
    month = `${y}-${pad(m)}`;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Input: the facts the figures need, per case and per visit

export const VISIT_KINDS = ['带信下访', '入户走访'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

export interface StatsDeadline {
  obligation: Obligation;
  due: string | null;
  fulfilledAt: string | null;
  /** The frozen verdict: set once the deadline was met, never recomputed. */
  metOnTime: boolean | null;
}

export interface StatsCase {
  id: string;
  caseNo: string;
  receivedDate: string;
  source: string;
  channel: string;
  kind: string;
  categories: readonly string[];
  /** 职级 of each accused person; an accused unit counts as 单位. */
  accusedRanks: readonly string[];
  region: string;
  /** 承办部门 or receiving office; '' before routing. */
  handler: string;
  /** Today's colour. */
  alert: 'red' | 'yellow' | 'blue' | 'none';
  /** The date the loop ended (报结, 留存, 转出, 不予受理); null while open. */
  concludedDate: string | null;
  realName: boolean;
  repeatOf: string | null;
  deadlines: readonly StatsDeadline[];
  /** The result was fed back to the reporter (the loop's 反馈 step to them, or the 结果反馈 obligation met). */
  feedbackDate: string | null;
  returnVisits: readonly { date: string; satisfaction: Satisfaction }[];
  documents: readonly { type: DocumentType; issuedAt: string }[];
  supervisions: readonly { date: string; action: (typeof REMINDER_ACTIONS)[number]; mode: (typeof SUPERVISION_MODES)[number] }[];
}

export interface StatsVisit {
  kind: VisitKind;
  date: string;
  problemsSolved: number;
  leads: number;
  households: number;
}

export interface StatsInput {
  cases: Iterable<StatsCase>;
  visits: readonly StatsVisit[];
}

export interface StatsOptions {
  /** Today: the cut-off is the period's end or today, whichever is earlier. */
  asOf: string;
  settings: StatisticsSettings;
}

// ---------------------------------------------------------------------------------------------------------------
// Output

export const Tally = z.object({ key: z.string(), count: z.number().int(), concluded: z.number().int() });
export type Tally = z.infer<typeof Tally>;
export const Rate = z.object({ numerator: z.number().int(), denominator: z.number().int(), value: z.number().nullable() });
export type Rate = z.infer<typeof Rate>;
export const ListRow = z.object({
  caseNo: z.string(),
  receivedDate: z.string(),
  handler: z.string(),
  detail: z.string(),
  days: z.number().int(),
});
export type ListRow = z.infer<typeof ListRow>;

export const DIMENSIONS = ['source', 'channel', 'kind', 'category', 'rank', 'region', 'alert', 'handler'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const DIMENSION_LABELS: Record<Dimension, string> = {
  source: '来源',
  channel: '反映方式',
  kind: '信访类型',
  category: '问题类别',
  rank: '被反映人职级',
  region: '所属区域',
  alert: '预警颜色',
  handler: '承办部门',
};
export const RATES = ['concluded', 'onTime', 'feedback', 'returnVisit', 'satisfaction', 'repeat'] as const;
export type RateKey = (typeof RATES)[number];
export const RATE_LABELS: Record<RateKey, string> = {
  concluded: '办结率',
  onTime: '按期办结率',
  feedback: '反馈率',
  returnVisit: '回访率',
  satisfaction: '满意率',
  repeat: '重复率',
};
/** 统计口径 of each rate, printed under the dashboard and in the 通报. */
export const RATE_DEFINITIONS: Record<RateKey, string> = {
  concluded: '本期收件中截至期末已办结（报结、留存备查、转出或不予受理）的件数 ÷ 本期收件数',
  onTime: '本期办结的件中各项期限均按期履行的件数 ÷ 本期办结且有期限结论的件数（期限结论履行时即固定）',
  feedback: '本期收件中应向实名检举控告人反馈结果的件里，截至期末已反馈的件数 ÷ 应反馈件数',
  returnVisit: '截至期末已反馈结果的本期收件中已回访的件数 ÷ 已反馈件数',
  satisfaction: '已回访的本期收件中末次回访为满意或基本满意的件数 ÷ 已回访件数',
  repeat: '本期收件中的重复件数 ÷ 本期收件数',
};
export const ALERT_LABELS = { red: '红色（超期）', yellow: '黄色（临期）', blue: '蓝色（已履行）', none: '无期限' } as const;

export const ListResult = z.object({ name: z.string(), kind: z.enum(LIST_KINDS), description: z.string(), total: z.number().int(), rows: z.array(ListRow) });
export const VisitTotals = z.object({ count: z.number().int(), problemsSolved: z.number().int(), leads: z.number().int(), households: z.number().int() });

export const Statistics = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  /** The date figures are counted up to: the period's end, or today while the period runs. */
  cutoff: z.string(),
  monthStartDay: z.number().int(),
  totals: z.object({
    received: z.number().int(),
    concluded: z.number().int(),
    open: z.number().int(),
    concludedInPeriod: z.number().int(),
    realName: z.number().int(),
    repeats: z.number().int(),
    /** Cases (of any period) with a deadline overdue at the cut-off. */
    overdue: z.number().int(),
  }),
  rates: z.record(z.enum(RATES), Rate),
  by: z.record(z.enum(DIMENSIONS), z.array(Tally)),
  trend: z.array(z.object({ month: z.string(), received: z.number().int(), concluded: z.number().int() })),
  visits: z.record(z.enum(VISIT_KINDS), VisitTotals),
  warnings: z.object({ red: z.number().int(), yellow: z.number().int(), overdueDeadlines: z.number().int() }),
  supervisions: z.object({ total: z.number().int(), byAction: z.array(Tally), byMode: z.array(Tally) }),
  documents: z.object({
    total: z.number().int(),
    byType: z.array(z.object({ type: z.enum(DOCUMENT_TYPES), label: z.string(), count: z.number().int() })),
    sets: z.array(z.object({ name: z.string(), count: z.number().int(), types: z.array(z.string()) })),
  }),
  lists: z.array(ListResult),
  /** The overdue list grouped by 承办单位, for the 通报. */
  overdueByUnit: z.array(z.object({ unit: z.string(), total: z.number().int(), rows: z.array(ListRow) })),
});
export type Statistics = z.infer<typeof Statistics>;

// ---------------------------------------------------------------------------------------------------------------
// Computation

const UNIT_RANK = '单位';
const NONE = '未填写';
const NOT_ROUTED = '未分流';

function counter(keys: readonly string[] = []) {
  const map = new Map<string, Tally>(keys.map((k) => [k, { key: k, count: 0, concluded: 0 }]));
  return {
    add(key: string, concluded: boolean) {
      let t = map.get(key);
      if (!t) map.set(key, (t = { key, count: 0, concluded: 0 }));
      t.count += 1;
      if (concluded) t.concluded += 1;
    },
    /** Known keys in their order, then the others by count. */
    list(fixedOrder: boolean): Tally[] {
      const all = [...map.values()];
      if (fixedOrder) {
        const known = all.slice(0, keys.length);
        const rest = all.slice(keys.length).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key, 'zh'));
        return [...known, ...rest];
      }
      return all.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key, 'zh'));
    },
  };
}

const rate = (numerator: number, denominator: number): Rate => ({ numerator, denominator, value: denominator ? numerator / denominator : null });
const inside = (date: string, p: Period) => date >= p.from && date <= p.to;

/** The deadline was overdue at `cutoff`: due before it and not met by it. */
function overdueAt(d: StatsDeadline, cutoff: string): boolean {
  if (d.due === null || d.due >= cutoff) return false;
  return !d.fulfilledAt || d.fulfilledAt > cutoff;
}

/** Every figure of a period, in one pass over the cases. */
export function computeStatistics(input: StatsInput, period: Period, options: StatsOptions): Statistics {
  const { settings } = options;
  const cutoff = period.to < options.asOf ? period.to : options.asOf;
  const startDay = settings.monthStartDay;
  const months = monthsIn(period, startDay);
  const trend = new Map(months.map((m) => [m, { month: m, received: 0, concluded: 0 }]));
  const by = {
    source: counter(SOURCES),
    channel: counter(CHANNELS),
    kind: counter(KINDS),
    category: counter(CATEGORIES),
    rank: counter([...RANKS, UNIT_RANK]),
    region: counter(),
    alert: counter(['red', 'yellow', 'blue', 'none']),
    handler: counter(),
  };
  const totals = { received: 0, concluded: 0, open: 0, concludedInPeriod: 0, realName: 0, repeats: 0, overdue: 0 };
  const n = { onTime: 0, timed: 0, owesFeedback: 0, fedBack: 0, returnVisited: 0, satisfied: 0 };
  const warnings = { red: 0, yellow: 0, overdueDeadlines: 0 };
  const supervisionAction = counter(REMINDER_ACTIONS);
  const supervisionMode = counter(SUPERVISION_MODES);
  let supervisionTotal = 0;
  const documentCounts = new Map<DocumentType, number>(DOCUMENT_TYPES.map((t) => [t, 0]));
  const listRows: Record<ListKind, ListRow[]> = { overdue: [], backlog: [], repeat: [], supervised: [] };
  const backlogDays = Math.min(...settings.lists.filter((l) => l.kind === 'backlog').map((l) => l.days), Infinity);

  for (const c of input.cases) {
    const concludedBy = c.concludedDate !== null && c.concludedDate <= cutoff;
    const handler = c.handler || NOT_ROUTED;

    // Work done in the period, on cases of any period.
    let supervisedInPeriod = 0;
    for (const s of c.supervisions) {
      if (!inside(s.date, period)) continue;
      supervisedInPeriod += 1;
      supervisionAction.add(s.action, false);
      supervisionMode.add(s.mode, false);
    }
    supervisionTotal += supervisedInPeriod;
    for (const d of c.documents) if (inside(d.issuedAt.slice(0, 10), period)) documentCounts.set(d.type, (documentCounts.get(d.type) ?? 0) + 1);
    if (c.concludedDate !== null && inside(c.concludedDate, period)) {
      totals.concludedInPeriod += 1;
      const month = trend.get(monthOf(c.concludedDate, startDay));
      if (month) month.concluded += 1;
      let verdicts = 0;
      let late = 0;
      for (const d of c.deadlines) {
        if (d.metOnTime === null) continue;
        verdicts += 1;
        if (!d.metOnTime) late += 1;
      }
      if (verdicts) {
        n.timed += 1;
        if (late === 0) n.onTime += 1;
      }
    }
    // The state at the cut-off, on cases received by then.
    if (c.receivedDate <= cutoff) {
      let overdue = 0;
      let worst: StatsDeadline | null = null;
      for (const d of c.deadlines) {
        if (!overdueAt(d, cutoff)) continue;
        overdue += 1;
        if (!worst || d.due! < worst.due!) worst = d;
      }
      if (worst) {
        totals.overdue += 1;
        warnings.overdueDeadlines += overdue;
        listRows.overdue.push({
          caseNo: c.caseNo,
          receivedDate: c.receivedDate,
          handler,
          detail: `${OBLIGATION_LABELS[worst.obligation]}，${worst.due}届满`,
          days: daysBetween(worst.due!, cutoff),
        });
      }
      if (!concludedBy && backlogDays !== Infinity && daysBetween(c.receivedDate, cutoff) > backlogDays) {
        listRows.backlog.push({ caseNo: c.caseNo, receivedDate: c.receivedDate, handler, detail: '未办结', days: daysBetween(c.receivedDate, cutoff) });
      }
      if (supervisedInPeriod) {
        const supervised = c.supervisions.filter((s) => inside(s.date, period));
        listRows.supervised.push({ caseNo: c.caseNo, receivedDate: c.receivedDate, handler, detail: supervised.map((s) => `${s.date} ${s.mode}${s.action}`).join('；'), days: supervised.length });
      }
    }
    if (!inside(c.receivedDate, period)) continue;

    // Cases received in the period.
    totals.received += 1;
    const month = trend.get(monthOf(c.receivedDate, startDay));
    if (month) month.received += 1;
    if (concludedBy) totals.concluded += 1;
    else totals.open += 1;
    if (c.realName) totals.realName += 1;
    if (c.repeatOf !== null) {
      totals.repeats += 1;
      listRows.repeat.push({ caseNo: c.caseNo, receivedDate: c.receivedDate, handler, detail: `重复件，首件 ${c.repeatOf}`, days: 0 });
    }
    by.source.add(c.source, concludedBy);
    by.channel.add(c.channel, concludedBy);
    by.kind.add(c.kind, concludedBy);
    if (c.categories.length === 0) by.category.add(NONE, concludedBy);
    else for (const cat of c.categories.length === 1 ? c.categories : new Set(c.categories)) by.category.add(cat, concludedBy);
    if (c.accusedRanks.length === 0) by.rank.add(NONE, concludedBy);
    else for (const r of c.accusedRanks.length === 1 ? c.accusedRanks : new Set(c.accusedRanks)) by.rank.add(r, concludedBy);
    by.region.add(c.region || NONE, concludedBy);
    by.alert.add(c.alert, concludedBy);
    by.handler.add(handler, concludedBy);
    if (c.alert === 'red') warnings.red += 1;
    if (c.alert === 'yellow') warnings.yellow += 1;

    // 回访率 and 满意率 are of the cases fed back (反馈率's numerator), so neither can pass 100 %.
    if (c.deadlines.some((d) => d.obligation === 'resultFeedback')) {
      n.owesFeedback += 1;
      if (c.feedbackDate !== null && c.feedbackDate <= cutoff) {
        n.fedBack += 1;
        const visits = c.returnVisits.filter((v) => v.date <= cutoff);
        if (visits.length) {
          n.returnVisited += 1;
          const last = visits.reduce((a, b) => (a.date >= b.date ? a : b));
          if (last.satisfaction !== '不满意') n.satisfied += 1;
        }
      }
    }
  }

  const visits = Object.fromEntries(VISIT_KINDS.map((k) => [k, { count: 0, problemsSolved: 0, leads: 0, households: 0 }])) as Statistics['visits'];
  for (const v of input.visits) {
    if (!inside(v.date, period)) continue;
    const t = visits[v.kind];
    t.count += 1;
    t.problemsSolved += v.problemsSolved;
    t.leads += v.leads;
    t.households += v.households;
  }

  const byType = DOCUMENT_TYPES.map((type) => ({ type, label: DOCUMENT_TYPE_INFO[type].label, count: documentCounts.get(type) ?? 0 }));
  const byDays = (a: ListRow, b: ListRow) => b.days - a.days || a.caseNo.localeCompare(b.caseNo, 'zh');
  listRows.overdue.sort(byDays);
  listRows.backlog.sort(byDays);
  const lists = settings.lists.map((l) => {
    const rows = l.kind === 'backlog' ? listRows.backlog.filter((r) => r.days > l.days) : listRows[l.kind];
    return { name: l.name, kind: l.kind, description: l.kind === 'backlog' ? `截至期末未办结且收件超过 ${l.days} 日的件` : LIST_KIND_LABELS[l.kind], total: rows.length, rows };
  });
  const units = new Map<string, ListRow[]>();
  for (const row of listRows.overdue) {
    const rows = units.get(row.handler);
    if (rows) rows.push(row);
    else units.set(row.handler, [row]);
  }

  return {
    period: { from: period.from, to: period.to },
    cutoff,
    monthStartDay: startDay,
    totals,
    rates: {
      concluded: rate(totals.concluded, totals.received),
      onTime: rate(n.onTime, n.timed),
      feedback: rate(n.fedBack, n.owesFeedback),
      returnVisit: rate(n.returnVisited, n.fedBack),
      satisfaction: rate(n.satisfied, n.returnVisited),
      repeat: rate(totals.repeats, totals.received),
    },
    by: {
      source: by.source.list(true),
      channel: by.channel.list(true),
      kind: by.kind.list(true),
      category: by.category.list(true),
      rank: by.rank.list(true),
      region: by.region.list(false),
      alert: by.alert.list(true),
      handler: by.handler.list(false),
    },
    trend: [...trend.values()],
    visits,
    warnings,
    supervisions: { total: supervisionTotal, byAction: supervisionAction.list(true), byMode: supervisionMode.list(true) },
    documents: {
      total: byType.reduce((s, t) => s + t.count, 0),
      byType,
      sets: settings.documentSets.map((s) => ({ name: s.name, types: s.types.map((t) => DOCUMENT_TYPE_INFO[t].label), count: s.types.reduce((sum, t) => sum + (documentCounts.get(t) ?? 0), 0) })),
    },
    lists,
    overdueByUnit: [...units].map(([unit, rows]) => ({ unit, total: rows.length, rows })).sort((a, b) => b.rows.length - a.rows.length || a.unit.localeCompare(b.unit, 'zh')),
  };
}

/** 12.5% → “12.5%”; no denominator → “—”. */
export function percent(r: Rate): string {
  return r.value === null ? '—' : `${(Math.round(r.value * 1000) / 10).toFixed(1)}%`;
}

/** The previous statistical month of a date: what the monthly 通报 reports by default. */
export function previousMonth(date: string, startDay: number): string {
  const current = monthOf(date, startDay);
  const [y, m] = shiftMonth(Number(current.slice(0, 4)), Number(current.slice(5, 7)), -1);
  return `${y}-${pad(m)}`;
}

