import { z } from 'zod';
import { CalendarDate, MAX_PERIOD_DAYS, daysBetween, missingYearsMessage, type DueDate, type WorkCalendar } from './calendar.js';
// Type-only on purpose: loop.ts imports values from here, and a value cycle would break module start-up.
import type { Routing } from './loop.js';

/**
 * 期限与三色预警. A case owes obligations (受理告知, 结果反馈, 交办回复 …); each obligation has a rule (days, unit,
 * citation as editable text, the event it counts from) that the office may change; each owed obligation becomes a
 * {@link Deadline} record computed with the {@link WorkCalendar}.
 *
 * History is never rewritten: when a deadline is fulfilled, its due date, explanation and whether it was met on time
 * are frozen; later calendar or rule edits recompute only open deadlines ({@link recomputeDeadline}).
 */

export const DEADLINE_UNITS = ['工作日', '日'] as const;
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];

export const DEADLINE_EVENTS = ['received', 'accepted', 'routed', 'closed', 'suggestionIssued', 'inquirySent'] as const;
export type DeadlineEvent = (typeof DEADLINE_EVENTS)[number];
export const EVENT_LABELS: Record<DeadlineEvent, string> = {
  received: '收到之日',
  accepted: '受理之日',
  routed: '分流之日',
  closed: '办结之日',
  suggestionIssued: '监察建议书送达之日',
  inquirySent: '函询通知送达之日',
};

export const OBLIGATIONS = ['acceptOrRoute', 'acceptanceNotice', 'resultFeedback', 'assignmentReply', 'upperAssignmentReply', 'suggestionReply', 'inquiryReply'] as const;
export type Obligation = (typeof OBLIGATIONS)[number];
export const OBLIGATION_LABELS: Record<Obligation, string> = {
  acceptOrRoute: '受理、转办或报送',
  acceptanceNotice: '实名受理告知',
  resultFeedback: '实名结果反馈',
  assignmentReply: '交办件回复',
  upperAssignmentReply: '上级交办件回复',
  suggestionReply: '监察建议回复',
  inquiryReply: '函询回复',
};
/** Who owes it and what ends it, for the deadline's detail view. */
export const OBLIGATION_INFO: Record<Obligation, { owedBy: string; fulfilledBy: string }> = {
  acceptOrRoute: { owedBy: '本机关信访举报部门', fulfilledBy: '完成分流（受理、转办、报送上级等）' },
  acceptanceNotice: { owedBy: '本机关', fulfilledBy: '向实名检举控告人告知受理情况' },
  resultFeedback: { owedBy: '承办部门', fulfilledBy: '向实名检举控告人反馈处理结果并记录其意见' },
  assignmentReply: { owedBy: '承接交办的下级机关', fulfilledBy: '收到下级机关的办理结果报告' },
  upperAssignmentReply: { owedBy: '本机关', fulfilledBy: '向交办的上级机关报告办理结果' },
  suggestionReply: { owedBy: '收到监察建议的单位', fulfilledBy: '收到该单位的书面回复' },
  inquiryReply: { owedBy: '被函询人', fulfilledBy: '收到被函询人的书面说明' },
};

export const DeadlineRule = z.object({
  id: z.string().trim().min(1).max(40).regex(/^[a-z0-9-]+$/, '规则编号只能由小写字母、数字和连字符组成'),
  obligation: z.enum(OBLIGATIONS),
  label: z.string().trim().min(1, '请填写期限名称').max(40, '期限名称不能超过 40 个字'),
  days: z.number().int('期限天数应为整数').min(1, '期限至少 1 天').max(MAX_PERIOD_DAYS, `期限不能超过 ${MAX_PERIOD_DAYS} 天`),
  unit: z.enum(DEADLINE_UNITS),
  /** The basis as text: article numbers change (监察法 2024 修正, 实施条例 2025 修订), so offices edit it. */
  citation: z.string().trim().max(1000, '依据不能超过 1000 个字'),
  startsFrom: z.enum(DEADLINE_EVENTS),
});
export type DeadlineRule = z.infer<typeof DeadlineRule>;

/** 寿光 practice and PRODUCT.md: yellow from 3 working days before the deadline. */
export const DEFAULT_WARNING_DAYS = 3;

/**
 * Shipped defaults (research/domain-brief.md §1.3). Where the brief found no national limit, the default is a
 * product choice that the citation says is set by the letter, and the letter's date overrides it (`fixedDue`).
 */
export const DEFAULT_DEADLINE_RULES: readonly DeadlineRule[] = [
  {
    id: 'accept-or-route',
    obligation: 'acceptOrRoute',
    label: '受理、转办或报送',
    days: 5,
    unit: '工作日',
    startsFrom: 'received',
    citation:
      '《纪检监察机关处理检举控告工作规则》第十五条（属上级管辖的，5个工作日内报送上一级信访举报部门）、第十六条（上级转送的，登记后5个工作日内受理或转办）；《监察法实施条例》（2021年）第一百六十九条、第一百七十一条（5个工作日内转送）。2025年修订后条文序号待核实',
  },
  {
    id: 'acceptance-notice',
    obligation: 'acceptanceNotice',
    label: '实名受理告知',
    days: 15,
    unit: '工作日',
    startsFrom: 'received',
    citation: '《纪检监察机关处理检举控告工作规则》（条文序号待核实，或为第二十六条）：实名检举控告，自收到之日起15个工作日内告知检举控告人受理情况；重复检举控告不再告知',
  },
  {
    id: 'result-feedback',
    obligation: 'resultFeedback',
    label: '实名结果反馈',
    days: 15,
    unit: '工作日',
    startsFrom: 'closed',
    citation: '《纪检监察机关处理检举控告工作规则》（条文序号待核实，或为第二十七条）：实名检举控告办结后，承办部门自办结之日起15个工作日内将处理结果反馈检举控告人，并记录反馈情况',
  },
  {
    id: 'assignment-reply',
    obligation: 'assignmentReply',
    label: '交办件回复',
    days: 30,
    unit: '日',
    startsFrom: 'routed',
    citation: '《监察法实施条例》（2021年）第一百六十九条第二款：发函交办并督办的，下级应当按期回复办理结果。期限以交办函载明的日期为准；30日为本软件默认值，无全国统一规定',
  },
  {
    id: 'upper-assignment-reply',
    obligation: 'upperAssignmentReply',
    label: '上级交办件回复',
    days: 30,
    unit: '日',
    startsFrom: 'received',
    citation: '《监察法实施条例》（2021年）第一百六十九条第二款：上级发函交办的，应当按期回复办理结果。期限以上级交办函载明的日期为准；30日为本软件默认值，无全国统一规定',
  },
  {
    id: 'suggestion-reply',
    obligation: 'suggestionReply',
    label: '监察建议回复',
    days: 30,
    unit: '日',
    startsFrom: 'suggestionIssued',
    citation: '《监察法》（2018年）第六十二条：无正当理由拒不采纳监察建议的，责令改正并通报批评（2024年修正后条文序号可能变化）。回复期限以监察建议书载明为准，常见为30日',
  },
  {
    id: 'inquiry-reply',
    obligation: 'inquiryReply',
    label: '函询回复',
    days: 15,
    unit: '工作日',
    startsFrom: 'inquirySent',
    citation: '《中国共产党纪律检查机关监督执纪工作规则》：被函询人应当在收到函询通知之日起15个工作日内写出书面说明（2019年版条文序号待核实）',
  },
];

export const DeadlineSettings = z
  .object({
    rules: z.array(DeadlineRule).max(50),
    warningDays: z.number().int().min(0, '预警天数不能为负数').max(30, '预警天数不能超过 30 个工作日').default(DEFAULT_WARNING_DAYS),
  })
  .superRefine((s, ctx) => {
    const ids = new Set<string>();
    const obligations = new Set<Obligation>();
    s.rules.forEach((r, i) => {
      if (ids.has(r.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `规则编号 ${r.id} 重复` });
      if (obligations.has(r.obligation)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'obligation'], message: `“${OBLIGATION_LABELS[r.obligation]}”设置了两条规则` });
      ids.add(r.id);
      obligations.add(r.obligation);
    });
  });
export type DeadlineSettings = z.infer<typeof DeadlineSettings>;
export const DEFAULT_DEADLINE_SETTINGS: DeadlineSettings = { rules: [...DEFAULT_DEADLINE_RULES], warningDays: DEFAULT_WARNING_DAYS };

/** The office's rule for an obligation, or the shipped default when the office has none. */
export function ruleFor(obligation: Obligation, rules: readonly DeadlineRule[] = DEFAULT_DEADLINE_RULES): DeadlineRule {
  return rules.find((r) => r.obligation === obligation) ?? DEFAULT_DEADLINE_RULES.find((r) => r.obligation === obligation)!;
}

// ---------------------------------------------------------------------------------------------------------------
// What a case owes

export interface CaseFacts {
  realName: boolean;
  isRepeat: boolean;
  routing?: Routing | null;
  /** The case came as 上级交办 (with a reply date in the upper office's letter). */
  assignedByUpper?: boolean;
  /** A 监察建议 (or 纪检监察建议) was issued in this case. */
  suggestionIssued?: boolean;
  /** A 函询 letter was sent in this case. */
  inquirySent?: boolean;
}
export interface OwedObligation {
  obligation: Obligation;
  /** Why it is owed, for the user. */
  reason: string;
}

/**
 * Routings after which another office handles the matter and answers the reporter, so this office owes no result
 * feedback (规则: the 承办部门 feeds back). A product reading of the brief, to be confirmed with users.
 */
const ROUTED_OUT: readonly Routing[] = ['转办', '报送上级', '转有关机关/告知'];

export function obligationsFor(facts: CaseFacts): OwedObligation[] {
  const repeat = facts.isRepeat || facts.routing === '重复件留存备查';
  const owed: OwedObligation[] = [{ obligation: 'acceptOrRoute', reason: '收到检举控告后须在期限内受理、转办或报送上级' }];
  if (facts.realName && !repeat) owed.push({ obligation: 'acceptanceNotice', reason: '实名检举控告，须告知检举控告人受理情况' });
  if (facts.realName && !(facts.routing && ROUTED_OUT.includes(facts.routing))) {
    owed.push({ obligation: 'resultFeedback', reason: '实名检举控告，办结后须向检举控告人反馈处理结果' });
  }
  if (facts.routing === '交办') owed.push({ obligation: 'assignmentReply', reason: '已发函交办，下级机关须按交办函载明的期限回复' });
  if (facts.assignedByUpper) owed.push({ obligation: 'upperAssignmentReply', reason: '上级交办件，须按交办函载明的期限回复办理结果' });
  if (facts.suggestionIssued) owed.push({ obligation: 'suggestionReply', reason: '已发出监察建议，被建议单位须按期书面回复' });
  if (facts.inquirySent) owed.push({ obligation: 'inquiryReply', reason: '已发函询，被函询人须按期书面说明' });
  return owed;
}

// ---------------------------------------------------------------------------------------------------------------
// Deadlines

export const DeadlineExtension = z.object({
  /** In the unit of the deadline's rule. */
  days: z.number().int().min(1).max(365),
  reason: z.string().trim().min(1, '请填写延期理由').max(500),
  approver: z.string().trim().min(1, '请填写批准延期的领导').max(40),
  at: CalendarDate,
});
export type DeadlineExtension = z.infer<typeof DeadlineExtension>;

/** The clock does not run on the days in (from, to]; `to` is null while still suspended. */
export const DeadlineSuspension = z.object({ from: CalendarDate, to: CalendarDate.nullable() });
export type DeadlineSuspension = z.infer<typeof DeadlineSuspension>;

export const Deadline = z.object({
  ruleId: z.string(),
  obligation: z.enum(OBLIGATIONS),
  startDate: CalendarDate,
  /** A date written in a letter (交办函, 监察建议书) that replaces the rule's count. */
  fixedDue: CalendarDate.optional(),
  extensions: z.array(DeadlineExtension).default([]),
  suspensions: z.array(DeadlineSuspension).default([]),
  /** Null when a needed calendar year is not loaded (`missingYears`). */
  due: CalendarDate.nullable(),
  /** Only with `due: null`: a plain-weekday estimate, for display as "约…，仅供参考". */
  estimate: CalendarDate.nullable(),
  explanation: z.string(),
  citation: z.string(),
  missingYears: z.array(z.number().int()),
  /** Suspended (中止) and not resumed: the clock is stopped. */
  paused: z.boolean(),
  fulfilledAt: CalendarDate.optional(),
  /** Frozen at fulfilment; null when the due date could not be computed then (a calendar year was missing). */
  metOnTime: z.boolean().nullable().optional(),
});
export type Deadline = z.infer<typeof Deadline>;

export const ALERTS = ['red', 'yellow', 'none', 'blue'] as const;
export type Alert = (typeof ALERTS)[number];
export const ALERT_LABELS: Record<Alert, string> = { blue: '已办结（蓝）', yellow: '临期催办（黄）', red: '超期督办（红）', none: '正常办理' };

/** Thrown for misuse that the UI should have prevented (fulfilling twice, a rule for another obligation). */
export class DeadlineError extends Error {
  override name = 'DeadlineError';
}

/** The rule's own count from its start date. */
export function computeDeadline(rule: DeadlineRule, startDate: string, calendar: WorkCalendar): DueDate {
  return addPeriod(calendar, startDate, rule.days, rule.unit);
}

export function openDeadline(rule: DeadlineRule, startDate: string, calendar: WorkCalendar, options: { fixedDue?: string } = {}): Deadline {
  const inputs: Inputs = { startDate, fixedDue: options.fixedDue, extensions: [], suspensions: [] };
  const computed = resolve(inputs, rule, calendar);
  const deadline: Deadline = {
    ruleId: rule.id,
    obligation: rule.obligation,
    startDate,
    extensions: [],
    suspensions: [],
    due: computed.due,
    estimate: computed.estimate,
    explanation: computed.explanation,
    citation: computed.citation,
    missingYears: computed.missingYears,
    paused: computed.paused,
  };
  if (options.fixedDue) deadline.fixedDue = options.fixedDue;
  return deadline;
}

/**
 * After a calendar or rule change. Open deadlines are computed again; fulfilled ones keep their frozen verdict.
 * The one exception: a deadline fulfilled while its year was missing (metOnTime null) gets its verdict once the
 * year is loaded, judged by the date it was fulfilled.
 */
export function recomputeDeadline(deadline: Deadline, rule: DeadlineRule, calendar: WorkCalendar): Deadline {
  if (deadline.fulfilledAt && deadline.metOnTime !== null && deadline.metOnTime !== undefined) return deadline;
  checkRule(deadline, rule);
  const resolved = resolve(deadline, rule, calendar);
  if (!deadline.fulfilledAt) return { ...deadline, ...resolved };
  if (resolved.due === null) return deadline;
  return { ...deadline, ...resolved, paused: false, metOnTime: deadline.fulfilledAt <= resolved.due };
}

/** Records the fulfilment and freezes whether it was on time. */
export function fulfil(deadline: Deadline, date: string): Deadline {
  if (deadline.fulfilledAt) throw new DeadlineError(`“${OBLIGATION_LABELS[deadline.obligation]}”已于 ${deadline.fulfilledAt} 履行`);
  CalendarDate.parse(date);
  if (date < deadline.startDate) throw new DeadlineError(`履行日期 ${date} 早于起算日期 ${deadline.startDate}`);
  return { ...deadline, fulfilledAt: date, paused: false, metOnTime: deadline.due === null ? null : date <= deadline.due };
}

export function extendDeadline(deadline: Deadline, extension: DeadlineExtension, rule: DeadlineRule, calendar: WorkCalendar): Deadline {
  assertOpen(deadline, '延期');
  checkRule(deadline, rule);
  const next = { ...deadline, extensions: [...deadline.extensions, DeadlineExtension.parse(extension)] };
  return { ...next, ...resolve(next, rule, calendar) };
}

export function suspendDeadline(deadline: Deadline, date: string, rule: DeadlineRule, calendar: WorkCalendar): Deadline {
  assertOpen(deadline, '中止');
  checkRule(deadline, rule);
  if (deadline.suspensions.some((s) => s.to === null)) throw new DeadlineError('该期限已中止，不能重复中止');
  const next = { ...deadline, suspensions: [...deadline.suspensions, { from: CalendarDate.parse(date), to: null }] };
  return { ...next, ...resolve(next, rule, calendar) };
}

export function resumeDeadline(deadline: Deadline, date: string, rule: DeadlineRule, calendar: WorkCalendar): Deadline {
  assertOpen(deadline, '恢复');
  checkRule(deadline, rule);
  const open = deadline.suspensions.findIndex((s) => s.to === null);
  if (open < 0) throw new DeadlineError('该期限未中止，无需恢复');
  const from = deadline.suspensions[open]!.from;
  if (CalendarDate.parse(date) < from) throw new DeadlineError(`恢复日期 ${date} 早于中止日期 ${from}`);
  const next = { ...deadline, suspensions: deadline.suspensions.map((s, i) => (i === open ? { from, to: date } : s)) };
  return { ...next, ...resolve(next, rule, calendar) };
}

/**
 * Blue: fulfilled. Red: open and past its due date. Yellow: open, due within `warningDays` working days (counting
 * (today, due]), or not computable because a calendar year is missing — someone must act on it either way.
 * None: open and on track, or paused by a suspension.
 */
export function alertColour(deadline: Pick<Deadline, 'paused' | 'due'> & { fulfilledAt?: string }, today: string, calendar: WorkCalendar, warningDays: number = DEFAULT_WARNING_DAYS): Alert {
  if (deadline.fulfilledAt) return 'blue';
  if (deadline.paused) return 'none';
  if (deadline.due === null) return 'yellow';
  if (today > deadline.due) return 'red';
  const left = calendar.workingDaysBetween(today, deadline.due);
  if (left === null) return 'yellow';
  return left <= warningDays ? 'yellow' : 'none';
}

const SEVERITY: Record<Alert, number> = { blue: 0, none: 1, yellow: 2, red: 3 };

/**
 * A case's colour: the worst of its deadlines' colours. Any open deadline outranks blue, so a case is blue only
 * when everything it owed has been done; a case that owes nothing shows none.
 */
export function worstAlert(alerts: Iterable<Alert>): Alert {
  let worst: Alert | null = null;
  for (const a of alerts) if (worst === null || SEVERITY[a] > SEVERITY[worst]) worst = a;
  return worst ?? 'none';
}

export function caseAlert(deadlines: readonly Deadline[], today: string, calendar: WorkCalendar, warningDays: number = DEFAULT_WARNING_DAYS): Alert {
  return worstAlert(deadlines.map((d) => alertColour(d, today, calendar, warningDays)));
}

// ---------------------------------------------------------------------------------------------------------------

type Computed = Pick<Deadline, 'due' | 'estimate' | 'explanation' | 'citation' | 'missingYears' | 'paused'>;
type Inputs = Pick<Deadline, 'startDate' | 'fixedDue' | 'extensions' | 'suspensions'>;

function resolve(inputs: Inputs, rule: DeadlineRule, calendar: WorkCalendar): Computed {
  const word = unitWord(rule.unit);
  const flag = (r: DueDate, prefix: string): Computed => ({
    due: null,
    estimate: r.estimate,
    explanation: `${rule.label}：${prefix}${r.explanation}`,
    citation: rule.citation,
    missingYears: r.missingYears,
    paused: false,
  });

  let due: string;
  const parts: string[] = [];
  if (inputs.fixedDue) {
    due = inputs.fixedDue;
    parts.push(`期限以函件载明的 ${due} 为准`);
  } else {
    const base = computeDeadline(rule, inputs.startDate, calendar);
    if (base.due === null) return flag(base, '');
    due = base.due;
    parts.push(base.explanation);
  }
  for (const ext of inputs.extensions) {
    const r = addPeriod(calendar, due, ext.days, rule.unit);
    if (r.due === null) return flag(r, `延期 ${ext.days} ${word}后，`);
    due = r.due;
    parts.push(`经 ${ext.approver} 批准延期 ${ext.days} ${word}（${ext.reason}），至 ${due}`);
  }
  let paused = false;
  for (const s of [...inputs.suspensions].sort((a, b) => (a.from < b.from ? -1 : 1))) {
    if (s.from > due) {
      parts.push(`${s.from} 中止时已超过期限，不予顺延`);
      continue;
    }
    if (s.to === null) {
      paused = true;
      parts.push(`自 ${s.from} 起中止办理，期限暂停计算，恢复后顺延`);
      continue;
    }
    const span = rule.unit === '工作日' ? calendar.workingDaysBetween(s.from, s.to) : daysBetween(s.from, s.to);
    if (span === null) {
      const missingYears = calendar.missingYearsBetween(s.from, s.to);
      return { due: null, estimate: null, explanation: `${rule.label}：中止期间（${s.from} 至 ${s.to}）${missingYearsMessage(missingYears)}`, citation: rule.citation, missingYears, paused: false };
    }
    if (span === 0) continue;
    const r = addPeriod(calendar, due, span, rule.unit);
    if (r.due === null) return flag(r, `中止顺延后，`);
    due = r.due;
    parts.push(`${s.from} 至 ${s.to} 中止办理，顺延 ${span} ${word}，至 ${due}`);
  }
  return { due, estimate: null, explanation: `${rule.label}：${parts.join('；')}`, citation: rule.citation, missingYears: [], paused };
}

function addPeriod(calendar: WorkCalendar, from: string, days: number, unit: DeadlineUnit): DueDate {
  switch (unit) {
    case '工作日':
      return calendar.addWorkingDays(from, days);
    case '日':
      return calendar.addCalendarDays(from, days);
    default:
      return unreachable(unit);
  }
}

function unitWord(unit: DeadlineUnit): string {
  switch (unit) {
    case '工作日':
      return '个工作日';
    case '日':
      return '日';
    default:
      return unreachable(unit);
  }
}

function checkRule(deadline: Pick<Deadline, 'obligation'>, rule: DeadlineRule): void {
  if (rule.obligation !== deadline.obligation) throw new DeadlineError(`规则“${rule.label}”不适用于“${OBLIGATION_LABELS[deadline.obligation]}”`);
}

function assertOpen(deadline: Deadline, action: string): void {
  if (deadline.fulfilledAt) throw new DeadlineError(`“${OBLIGATION_LABELS[deadline.obligation]}”已于 ${deadline.fulfilledAt} 履行，不能${action}`);
}

function unreachable(value: never): never {
  throw new Error(`未处理的取值：${JSON.stringify(value)}`);
}
