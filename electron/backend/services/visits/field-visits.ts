import { randomUUID } from 'node:crypto';
import type { CaseRecord } from '../../../../shared/domain/case.js';
import { fieldVisitProblems, inRange, type FieldVisit, type PreVisitAnswer } from '../../../../shared/domain/visits.js';
import { AppError } from '../../../../shared/errors.js';
import type { BackendContext } from '../../context.js';
import type { Handlers } from '../../dispatch.js';
import { localIsoDate } from '../../time.js';
import { refuseReporterMention } from '../aftercare/feedback.js';
import { getCase, refuseIfArchived, saveCase } from '../cases/cases.js';

/** 带信下访: plans, their record (per case: what was found and decided), the list, and the 访前五问 setting. */

/** The office's questions, each with the answer given (unanswered ones start open). */
function checklistOf(questions: readonly string[], answers: readonly PreVisitAnswer[]): PreVisitAnswer[] {
  return questions.map((question) => answers.find((a) => a.question === question) ?? { question, done: false, note: '' });
}

function getVisit(ctx: BackendContext, id: string): FieldVisit {
  const visit = ctx.store.fieldVisits.get(id);
  if (!visit) throw new AppError('NOT_FOUND', '未找到该次下访记录');
  return visit;
}

export function fieldVisitHandlers(ctx: BackendContext): Pick<Handlers, 'fieldVisits.plan' | 'fieldVisits.record' | 'fieldVisits.list' | 'visits.updateSettings'> {
  return {
    async 'fieldVisits.plan'(plan) {
      const cases: CaseRecord[] = [...new Set(plan.caseIds)].map((id) => getCase(ctx, id));
      const archived = cases.filter((c) => c.archive).map((c) => c.caseNo);
      if (archived.length) throw new AppError('INVALID_INPUT', `${archived.join('、')} 已存档，不再带信下访`);
      const at = ctx.now().toISOString();
      const { caseIds: _ids, ...fields } = plan;
      const visit: FieldVisit = {
        ...fields,
        id: randomUUID(),
        status: 'planned',
        checklist: checklistOf(ctx.store.settings().visits.preVisitQuestions, plan.checklist),
        cases: cases.map((c) => ({ caseId: c.id, caseNo: c.caseNo, finding: '', decision: '', solved: false })),
        visitedOn: null,
        summary: '',
        problemsSolved: 0,
        createdAt: at,
        createdBy: ctx.actor(),
        updatedAt: at,
      };
      await ctx.store.fieldVisits.put(visit);
      return visit;
    },

    async 'fieldVisits.record'({ id, expectedUpdatedAt, result }) {
      const visit = getVisit(ctx, id);
      if (visit.updatedAt !== expectedUpdatedAt) throw new AppError('CONFLICT', '该次下访已在别处被修改，请刷新后再操作（本次修改尚未保存）');
      const cases = visit.cases.map((c) => ({ ...c, ...result.cases.find((r) => r.caseId === c.caseId) }));
      const problems = fieldVisitProblems(visit, { ...result, checklist: checklistOf(visit.checklist.map((a) => a.question), result.checklist), cases }, localIsoDate(ctx.now()));
      if (problems.length) throw new AppError('INVALID_INPUT', problems.join('；'));
      const records = cases.map((c) => getCase(ctx, c.caseId));
      for (const record of records) await refuseIfArchived(ctx, record, '记录带信下访');
      records.forEach((record, i) => refuseReporterMention(ctx, record, [cases[i]!.finding, cases[i]!.decision, result.summary]));
      const saved: FieldVisit = {
        ...visit,
        status: 'done',
        visitedOn: result.visitedOn,
        summary: result.summary,
        problemsSolved: result.problemsSolved,
        checklist: checklistOf(visit.checklist.map((a) => a.question), result.checklist),
        cases,
        updatedAt: ctx.now().toISOString(),
      };
      await ctx.store.fieldVisits.put(saved);
      // Each case's history tells of the visit, in the case's own words.
      for (const [i, record] of records.entries()) {
        const c = cases[i]!;
        await saveCase(ctx, record, {}, {
          action: 'fieldVisit',
          summary: `带信下访（${saved.place}，${saved.visitedOn}，带队领导 ${saved.leaders.join('、')}）：了解情况：${c.finding}；处理意见：${c.decision}${c.solved ? '；问题已解决' : ''}`,
        });
      }
      return saved;
    },

    async 'fieldVisits.list'({ from, to, place, status }) {
      const rows: FieldVisit[] = [];
      for (const v of ctx.store.fieldVisits.values()) {
        if (status && v.status !== status) continue;
        if (place && !v.place.includes(place)) continue;
        if (!inRange(v.visitedOn ?? v.date, from, to)) continue;
        rows.push(v);
      }
      return rows.sort((a, b) => (b.visitedOn ?? b.date).localeCompare(a.visitedOn ?? a.date));
    },

    async 'visits.updateSettings'(visits) {
      const settings = await ctx.store.updateSettings((s) => ({ ...s, visits }));
      await ctx.audit('settings.change', '访前问题清单', 'success', `${visits.preVisitQuestions.length} 个问题`);
      ctx.emit('settings.changed', settings);
      return settings;
    },
  };
}
