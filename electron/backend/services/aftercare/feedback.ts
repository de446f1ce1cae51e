import { randomUUID } from 'node:crypto';
import {
  checkDualFeedback,
  checkDualResponse,
  checkReporterFeedback,
  checkReturnVisit,
  feedbackIsLoopStep,
  nextRound,
  type AftercareIssue,
  type DualFeedback,
  type ReporterFeedback,
  type ReturnVisit,
} from '../../../../shared/domain/aftercare.js';
import type { CaseRecord } from '../../../../shared/domain/case.js';
import { applyStep, type LoopStep, type LoopStepInput } from '../../../../shared/domain/loop.js';
import { AppError } from '../../../../shared/errors.js';
import type { BackendContext } from '../../context.js';
import type { Handlers } from '../../dispatch.js';
import { mentionsReporter, openIdentity } from '../../security/identity.js';
import { localIsoDate } from '../../time.js';
import { checkFresh, getCase, refuseIfArchived, saveCase } from '../cases/cases.js';

/** 结果反馈, 双反馈 and 回访 of a case (rules in shared/domain/aftercare.ts). */

export function refuseIssues(issues: readonly AftercareIssue[]): void {
  if (issues.length) throw new AppError('INVALID_INPUT', issues.map((i) => i.message).join('；'), `fields: ${issues.map((i) => i.field).join(', ')}`);
}

/** These records never name the reporter: a text repeating the reporter's name, phone or ID number is refused. */
export function refuseReporterMention(ctx: BackendContext, record: CaseRecord, texts: readonly string[]): void {
  const key = ctx.session.keys.identity;
  // Roles without the identity key cannot write cases at all; a legacy plain identity opens without it.
  if (!key && 'sealed' in record.identity) return;
  if (mentionsReporter(texts.join('\n'), openIdentity(key, record).persons)) {
    throw new AppError('INVALID_INPUT', '记录中出现了检举控告人的姓名、电话或身份证号；反馈、回访、下访记录不写检举控告人身份，请改用“检举控告人”等称谓后再保存');
  }
}

/** The loop's 反馈 step for a feedback, validated by the loop's rules (e.g. not dated before the previous step). */
function loopFeedbackStep(ctx: BackendContext, record: CaseRecord, input: LoopStepInput): LoopStep[] {
  const result = applyStep(ctx.view.state(record), input);
  if (!result.ok) throw new AppError('INVALID_INPUT', result.reason);
  return [...record.steps, result.state.steps.at(-1)!];
}

async function editable(ctx: BackendContext, id: string, expectedUpdatedAt: string, attempted: string): Promise<CaseRecord> {
  const current = getCase(ctx, id);
  checkFresh(current, expectedUpdatedAt);
  await refuseIfArchived(ctx, current, attempted);
  return current;
}

export function feedbackHandlers(ctx: BackendContext): Pick<Handlers, 'feedback.record' | 'feedback.recordDual' | 'feedback.recordDualResponse' | 'returnVisits.record'> {
  const today = () => localIsoDate(ctx.now());
  const stamp = () => ({ id: randomUUID(), recordedAt: ctx.now().toISOString(), recordedBy: ctx.actor() });

  return {
    async 'feedback.record'({ id, expectedUpdatedAt, feedback }) {
      const current = await editable(ctx, id, expectedUpdatedAt, '记录结果反馈');
      const stage = ctx.view.stage(current);
      refuseIssues(checkReporterFeedback(feedback, { stage, realName: current.identity.realName, receivedDate: current.receivedDate, today: today() }));
      refuseReporterMention(ctx, current, [feedback.content, feedback.objection, feedback.newEvidence]);
      const record: ReporterFeedback = { ...feedback, ...stamp() };
      const change: Partial<CaseRecord> = { feedbacks: [...current.feedbacks, record] };
      if (feedbackIsLoopStep(stage)) {
        change.steps = loopFeedbackStep(ctx, current, {
          kind: 'feedback',
          by: feedback.by,
          at: feedback.date,
          recipients: ['检举控告人'],
          decision: `${feedback.method}：${feedback.content}`,
          objection: feedback.objection || undefined,
        });
      } else if (ctx.view.deadlines(current).some((d) => d.obligation === 'resultFeedback' && !d.fulfilledAt)) {
        change.fulfilments = [...current.fulfilments, { obligation: 'resultFeedback', date: feedback.date, note: feedback.method, by: feedback.by }];
      }
      const parts = [`结果反馈（${feedback.method}，${feedback.date}）：检举控告人${feedback.view}`];
      if (feedback.objection) parts.push(`异议：${feedback.objection}`);
      if (feedback.newEvidence) parts.push('提出新证据、新情况，须核查');
      return saveCase(ctx, current, change, {
        action: 'feedback',
        summary: parts.join('；'),
        changes: [{ field: '结果反馈', before: `${current.feedbacks.length} 次`, after: `${current.feedbacks.length + 1} 次` }],
      });
    },

    async 'feedback.recordDual'({ id, expectedUpdatedAt, dual }) {
      const current = await editable(ctx, id, expectedUpdatedAt, '记录双反馈');
      const stage = ctx.view.stage(current);
      refuseIssues(checkDualFeedback(dual, { stage, receivedDate: current.receivedDate, today: today() }));
      refuseReporterMention(ctx, current, [dual.matters]);
      const record: DualFeedback = { ...dual, ...stamp(), response: null };
      const change: Partial<CaseRecord> = { dualFeedbacks: [...current.dualFeedbacks, record] };
      if (feedbackIsLoopStep(stage)) {
        change.steps = loopFeedbackStep(ctx, current, { kind: 'feedback', by: dual.by, at: dual.date, recipients: ['党委政府'], decision: `向${dual.recipient}${dual.method}：${dual.matters}` });
      }
      return saveCase(ctx, current, change, {
        action: 'feedback',
        summary: `双反馈：向${dual.recipient}${dual.method}（${dual.date}）：${dual.matters}`,
        changes: [{ field: `双反馈（${dual.recipient}）`, before: '', after: '待回复' }],
      });
    },

    async 'feedback.recordDualResponse'({ id, expectedUpdatedAt, dualId, response }) {
      const current = await editable(ctx, id, expectedUpdatedAt, '记录双反馈回复');
      const dual = current.dualFeedbacks.find((d) => d.id === dualId);
      if (!dual) throw new AppError('NOT_FOUND', '未找到这条双反馈记录');
      if (dual.response) throw new AppError('CONFLICT', `${dual.recipient}的回复已于 ${dual.response.date} 记录`);
      refuseIssues(checkDualResponse(dual, response, today()));
      refuseReporterMention(ctx, current, [response.content]);
      const dualFeedbacks = current.dualFeedbacks.map((d) => (d.id === dualId ? { ...d, response } : d));
      const outcome = response.resolved ? '诉求已化解' : '诉求未化解';
      return saveCase(ctx, current, { dualFeedbacks }, {
        action: 'feedback',
        summary: `${dual.recipient}回复双反馈（${response.date}）：${outcome}；${response.content}`,
        changes: [{ field: `双反馈（${dual.recipient}）`, before: '待回复', after: outcome }],
      });
    },

    async 'returnVisits.record'({ id, expectedUpdatedAt, visit }) {
      const current = await editable(ctx, id, expectedUpdatedAt, '记录回访');
      const stage = ctx.view.stage(current);
      refuseIssues(checkReturnVisit(visit, current.returnVisits, { stage, realName: current.identity.realName, receivedDate: current.receivedDate, today: today() }));
      refuseReporterMention(ctx, current, [visit.opinion, visit.measures]);
      const round = nextRound(current.returnVisits);
      const record: ReturnVisit = { ...visit, round, ...stamp() };
      const label = round > 1 ? `第 ${round} 次回访（二次回访）` : '回访';
      const parts = [`${label}（${visit.method}，${visit.date}）：${visit.satisfaction}`];
      if (visit.satisfaction === '不满意') parts.push(`处理措施：${visit.measures}`, `二次回访期限 ${visit.secondVisitBy}`);
      const before = current.returnVisits.at(-1)?.satisfaction ?? '未回访';
      return saveCase(ctx, current, { returnVisits: [...current.returnVisits, record] }, { action: 'returnVisit', summary: parts.join('；'), changes: [{ field: '满意度', before, after: visit.satisfaction }] });
    },
  };
}
