import { z } from 'zod';
import { CalendarDate } from './calendar.js';
import type { Stage } from './loop.js';

/**
 * After the finding: 结果反馈 to the reporter, 双反馈 to the local party committee or government, and 回访.
 * Stored on the case (CaseRecord.feedbacks, .dualFeedbacks, .returnVisits), oldest first. None of these records
 * names the reporter: the reporter is the case's own (sealed) identity, and the backend refuses texts that repeat
 * the reporter's name, phone or ID number.
 *
 * How they meet the loop (loop.ts already has a 反馈 step): a reporter feedback or a 双反馈 recorded while the case
 * waits for 反馈 (已核查/已反馈) is also recorded as the loop's 反馈 step (recipient 检举控告人 or 党委政府), which
 * moves the case to 已反馈 and meets the 实名结果反馈 deadline; after 报结 it meets that deadline as a fulfilment.
 *
 * For statistics: 反馈率 = cases with a `feedbacks` entry; 回访率 = cases with a `returnVisits` entry; 满意率 from
 * the latest visit's `satisfaction` (see {@link finalSatisfaction}); 二次回访 = visits with `round` ≥ 2.
 */

export const FEEDBACK_METHODS = ['当面反馈', '电话反馈', '书面反馈', '上门反馈'] as const;
/** The reporter's view of the result (规则: objections are recorded and explained). */
export const REPORTER_VIEWS = ['认可', '部分认可', '不认可', '未表态'] as const;
export const RETURN_VISIT_METHODS = ['电话回访', '上门回访', '当面回访', '信函回访'] as const;
export const SATISFACTIONS = ['满意', '基本满意', '不满意'] as const;

export type FeedbackMethod = (typeof FEEDBACK_METHODS)[number];
export type ReporterView = (typeof REPORTER_VIEWS)[number];
export type Satisfaction = (typeof SATISFACTIONS)[number];

const Person = (label: string) => z.string(`请填写${label}`).trim().min(1, `请填写${label}`).max(40, `${label}不能超过 40 个字`);
const Text = (label: string, max = 1000) => z.string().trim().max(max, `${label}不能超过 ${max} 个字`).default('');

/** 结果反馈 to the reporter, as entered. */
export const ReporterFeedbackInput = z.object({
  date: CalendarDate,
  method: z.enum(FEEDBACK_METHODS, `请选择反馈方式（${FEEDBACK_METHODS.join('、')}）`),
  /** 反馈人 */
  by: Person('反馈人'),
  /** What was told: the finding and how it was handled. */
  content: Text('反馈内容').refine((s) => s.length > 0, '请填写反馈内容'),
  view: z.enum(REPORTER_VIEWS, '请选择检举控告人意见'),
  /** 异议 and how it was answered; required when the reporter does not (fully) accept the result. */
  objection: Text('异议及解释情况'),
  /** New evidence or facts offered at the feedback: they must be checked (规则). */
  newEvidence: Text('新证据、新情况'),
});
export type ReporterFeedbackInput = z.infer<typeof ReporterFeedbackInput>;
export const ReporterFeedback = ReporterFeedbackInput.extend({ id: z.string(), recordedAt: z.string(), recordedBy: z.string() });
export type ReporterFeedback = z.infer<typeof ReporterFeedback>;

/** 双反馈: demands outside the commission's remit go to the local party committee or government, who answer. */
export const DualFeedbackInput = z.object({
  date: CalendarDate,
  /** e.g. 走马镇党委, 县人民政府 */
  recipient: Person('反馈对象（党委或政府）').max(60, '反馈对象不能超过 60 个字'),
  method: z.enum(['书面函告', '当面通报', '电话通报', '会议通报'], '请选择反馈方式'),
  by: Person('反馈人'),
  /** The reporter's demands outside the remit (诉求), in neutral words. */
  matters: Text('移交诉求事项').refine((s) => s.length > 0, '请填写反馈的诉求事项'),
});
export type DualFeedbackInput = z.infer<typeof DualFeedbackInput>;
export const DualResponseInput = z.object({
  date: CalendarDate,
  content: Text('办理回复').refine((s) => s.length > 0, '请填写党委政府的办理回复'),
  resolved: z.boolean('请选择诉求是否已化解'),
});
export type DualResponseInput = z.infer<typeof DualResponseInput>;
export const DualFeedback = DualFeedbackInput.extend({
  id: z.string(),
  recordedAt: z.string(),
  recordedBy: z.string(),
  /** The committee's or government's answer; null while awaited. */
  response: DualResponseInput.nullable().default(null),
});
export type DualFeedback = z.infer<typeof DualFeedback>;

/** 回访, as entered. An unsatisfied visit names what will be done and when the 二次回访 is due. */
export const ReturnVisitInput = z.object({
  date: CalendarDate,
  method: z.enum(RETURN_VISIT_METHODS, `请选择回访方式（${RETURN_VISIT_METHODS.join('、')}）`),
  by: Person('回访人'),
  satisfaction: z.enum(SATISFACTIONS, '请选择满意度（满意、基本满意、不满意）'),
  opinion: Text('回访意见'),
  /** 不满意: the measures taken (解释疏导, 重新核查 …). */
  measures: Text('处理措施'),
  /** 不满意: by when the second visit is due. */
  secondVisitBy: CalendarDate.optional(),
});
export type ReturnVisitInput = z.infer<typeof ReturnVisitInput>;
export const ReturnVisit = ReturnVisitInput.extend({
  id: z.string(),
  /** 1 = 首次回访; 2 and more = 二次回访 (after an unsatisfied one). */
  round: z.number().int().min(1),
  recordedAt: z.string(),
  recordedBy: z.string(),
});
export type ReturnVisit = z.infer<typeof ReturnVisit>;

export interface AftercareIssue {
  field: string;
  message: string;
}

/** Stages in which a finding exists to feed back: after 调查 (or a routing that ended the loop). */
const FEEDBACK_STAGES: readonly Stage[] = ['investigated', 'fedBack', 'closed', 'filed', 'transferred', 'rejected'];
/** 回访 checks the result, so it follows the feedback (已反馈) or the closing (已报结). */
const RETURN_VISIT_STAGES: readonly Stage[] = ['fedBack', 'closed'];
/** 双反馈 follows the routing: the demands outside the remit are known from then on. */
const DUAL_STAGES: readonly Stage[] = ['routed', 'pending', 'investigated', 'fedBack', 'closed', 'filed', 'transferred', 'rejected'];

/** Which records the case's stage allows (the UI offers only these; the check functions below say why not). */
export function aftercareAllowed(stage: Stage): { feedback: boolean; dual: boolean; returnVisit: boolean } {
  return { feedback: FEEDBACK_STAGES.includes(stage), dual: DUAL_STAGES.includes(stage), returnVisit: RETURN_VISIT_STAGES.includes(stage) };
}

/** Whether the loop's own 反馈 step is recorded with the feedback (the case waits for 反馈 or is already fed back). */
export function feedbackIsLoopStep(stage: Stage): boolean {
  return stage === 'investigated' || stage === 'fedBack';
}

export function checkReporterFeedback(input: ReporterFeedbackInput, ctx: { stage: Stage; realName: boolean; receivedDate: string; today: string }): AftercareIssue[] {
  const issues: AftercareIssue[] = [];
  if (!ctx.realName) issues.push({ field: 'reporter', message: '匿名件无法向检举控告人反馈；如需说明，请在“反馈”步骤的处理意见中写明' });
  if (!FEEDBACK_STAGES.includes(ctx.stage)) issues.push({ field: 'stage', message: '本件尚未作出处理结果（未调查处置或分流办结），暂不能反馈' });
  issues.push(...checkDate(input.date, ctx, '反馈日期'));
  if ((input.view === '不认可' || input.view === '部分认可') && !input.objection) issues.push({ field: 'objection', message: `检举控告人${input.view}处理结果的，须记录异议及解释情况` });
  return issues;
}

export function checkDualFeedback(input: DualFeedbackInput, ctx: { stage: Stage; receivedDate: string; today: string }): AftercareIssue[] {
  const issues: AftercareIssue[] = [];
  if (!DUAL_STAGES.includes(ctx.stage)) issues.push({ field: 'stage', message: '本件尚未分流，暂不能向党委政府反馈' });
  issues.push(...checkDate(input.date, ctx, '反馈日期'));
  return issues;
}

export function checkDualResponse(feedback: DualFeedback, input: DualResponseInput, today: string): AftercareIssue[] {
  const issues = checkDate(input.date, { receivedDate: feedback.date, today }, '回复日期');
  if (input.date < feedback.date) issues.push({ field: 'date', message: `回复日期不能早于反馈日期 ${feedback.date}` });
  return issues;
}

/** The 二次回访 an unsatisfied visit calls for, while it is still owed; null when none is owed. */
export function secondVisitDue(visits: readonly ReturnVisit[]): { after: ReturnVisit; by: string | null } | null {
  const last = visits.at(-1);
  return last && last.satisfaction === '不满意' ? { after: last, by: last.secondVisitBy ?? null } : null;
}

/** The latest visit's satisfaction: what the case counts as for 满意率. */
export function finalSatisfaction(visits: readonly ReturnVisit[]): Satisfaction | null {
  return visits.at(-1)?.satisfaction ?? null;
}

/** The round the next visit takes: a visit after an unsatisfied one is a 二次回访 (round + 1). */
export function nextRound(visits: readonly ReturnVisit[]): number {
  const last = visits.at(-1);
  return last ? (last.satisfaction === '不满意' ? last.round + 1 : last.round) : 1;
}

export function checkReturnVisit(input: ReturnVisitInput, visits: readonly ReturnVisit[], ctx: { stage: Stage; realName: boolean; receivedDate: string; today: string }): AftercareIssue[] {
  const issues: AftercareIssue[] = [];
  if (!ctx.realName) issues.push({ field: 'reporter', message: '匿名件无法回访检举控告人' });
  if (!RETURN_VISIT_STAGES.includes(ctx.stage)) issues.push({ field: 'stage', message: '回访在反馈处理结果或报结之后进行；本件尚未反馈' });
  issues.push(...checkDate(input.date, ctx, '回访日期'));
  const last = visits.at(-1);
  if (last && input.date < last.date) issues.push({ field: 'date', message: `回访日期不能早于上次回访（${last.date}）` });
  if (last && last.satisfaction !== '不满意') issues.push({ field: 'satisfaction', message: `本件已回访，检举控告人${last.satisfaction}，无需再次回访` });
  if (input.satisfaction === '不满意') {
    if (!input.measures) issues.push({ field: 'measures', message: '检举控告人不满意的，须记录处理措施（如解释疏导、重新核查）' });
    if (!input.secondVisitBy) issues.push({ field: 'secondVisitBy', message: '检举控告人不满意的，须安排二次回访并填写二次回访期限' });
    else if (input.secondVisitBy <= input.date) issues.push({ field: 'secondVisitBy', message: `二次回访期限应晚于本次回访日期 ${input.date}` });
  } else if (input.secondVisitBy) {
    issues.push({ field: 'secondVisitBy', message: '满意或基本满意的，无需安排二次回访' });
  }
  return issues;
}

function checkDate(date: string, ctx: { receivedDate: string; today: string }, label: string): AftercareIssue[] {
  if (date > ctx.today) return [{ field: 'date', message: `${label}不能晚于今天` }];
  if (date < ctx.receivedDate) return [{ field: 'date', message: `${label}不能早于收件日期 ${ctx.receivedDate}` }];
  return [];
}
