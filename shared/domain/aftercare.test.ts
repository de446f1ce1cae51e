import { describe, expect, it } from 'vitest';
import { checkReporterFeedback, checkReturnVisit, finalSatisfaction, nextRound, secondVisitDue, ReturnVisitInput, type ReturnVisit } from './aftercare.js';
import { archiveProblems, ArchiveInput, ARCHIVE_CHECKLIST, formatVolumeNo } from './archive.js';

const ctx = { stage: 'closed' as const, realName: true, receivedDate: '2026-10-01', today: '2026-11-25' };
const visit = (v: Partial<ReturnVisit>): ReturnVisit => ({ date: '2026-11-10', method: '电话回访', by: '李', satisfaction: '满意', opinion: '', measures: '', id: 'x', round: 1, recordedAt: '', recordedBy: '', ...v });

describe('回访', () => {
  it('requires measures and a 二次回访 date when the reporter is unsatisfied', () => {
    const input = ReturnVisitInput.parse({ date: '2026-11-20', method: '电话回访', by: '李', satisfaction: '不满意' });
    expect(checkReturnVisit(input, [], ctx).map((i) => i.field)).toEqual(['measures', 'secondVisitBy']);
    const planned = { ...input, measures: '解释政策，重新核查补偿面积', secondVisitBy: '2026-12-05' };
    expect(checkReturnVisit(planned, [], ctx)).toEqual([]);
    expect(checkReturnVisit({ ...planned, secondVisitBy: '2026-11-20' }, [], ctx)[0]!.message).toMatch(/应晚于本次回访日期/);
  });

  it('makes the visit after an unsatisfied one a second visit, owed until it is recorded', () => {
    const first = visit({ satisfaction: '不满意', secondVisitBy: '2026-12-05', measures: '重新核查' });
    expect(secondVisitDue([first])).toMatchObject({ by: '2026-12-05' });
    expect(nextRound([first])).toBe(2);
    const second = visit({ date: '2026-11-24', satisfaction: '基本满意', round: 2 });
    expect(secondVisitDue([first, second])).toBeNull();
    expect(finalSatisfaction([first, second])).toBe('基本满意');
    // A satisfied reporter is not visited again; a visit is never dated before the previous one.
    expect(checkReturnVisit(ReturnVisitInput.parse({ date: '2026-11-25', method: '电话回访', by: '李', satisfaction: '满意' }), [second], ctx)[0]!.message).toMatch(/无需再次回访/);
    expect(checkReturnVisit(ReturnVisitInput.parse({ date: '2026-11-01', method: '电话回访', by: '李', satisfaction: '满意' }), [first], ctx)[0]!.message).toMatch(/不能早于上次回访/);
  });

  it('is refused for anonymous cases and before the result is fed back', () => {
    const input = ReturnVisitInput.parse({ date: '2026-11-20', method: '电话回访', by: '李', satisfaction: '满意' });
    expect(checkReturnVisit(input, [], { ...ctx, realName: false })[0]!.message).toMatch(/匿名件/);
    expect(checkReturnVisit(input, [], { ...ctx, stage: 'investigated' })[0]!.message).toMatch(/尚未反馈/);
  });
});

describe('结果反馈', () => {
  it('records the objection whenever the reporter does not fully accept the result', () => {
    const input = { date: '2026-11-20', method: '当面反馈' as const, by: '李', content: '经核查，反映问题部分属实', view: '不认可' as const, objection: '', newEvidence: '' };
    expect(checkReporterFeedback(input, ctx).map((i) => i.field)).toEqual(['objection']);
    expect(checkReporterFeedback({ ...input, view: '认可' }, ctx)).toEqual([]);
    expect(checkReporterFeedback({ ...input, view: '认可' }, { ...ctx, stage: 'routed' })[0]!.message).toMatch(/尚未作出处理结果/);
  });
});

describe('存档', () => {
  const input = ArchiveInput.parse({ date: '2026-11-25', retention: '30年', checklist: [...ARCHIVE_CHECKLIST], pages: 12, by: '田静' });
  const at = { stage: 'closed' as const, archived: false, closedOn: '2026-11-20', today: '2026-11-25', secondVisitOwed: false };

  it('takes only concluded cases with every item of the 七有', () => {
    expect(archiveProblems(input, at)).toEqual([]);
    expect(archiveProblems(input, { ...at, stage: 'fedBack' })).toEqual(['只有已报结的信访件才能存档']);
    expect(archiveProblems({ ...input, checklist: ['目录', '原件', '受理登记', '处理情况', '答复情况'] }, at)[0]).toBe('案卷材料不全（“七有”缺少：是否息访、未结措施），请补齐后再存档');
    expect(archiveProblems(input, { ...at, secondVisitOwed: true })[0]).toMatch(/二次回访尚未进行/);
    expect(archiveProblems({ ...input, date: '2026-11-19' }, at)[0]).toMatch(/不能早于报结日期/);
  });

  it('numbers volumes by year', () => {
    expect(formatVolumeNo(2026, 7)).toBe('2026-0007');
  });
});

describe('stored cases from before 反馈与回访 and 存档', () => {
  it('read with empty feedback, visits and no archive, so no schema version change is needed', async () => {
    const { CaseRecord } = await import('./case.js');
    const stored = {
      id: 'c1',
      caseNo: '鹤纪信〔2025〕1号',
      status: '已办结',
      createdAt: '2025-03-01T00:00:00.000Z',
      updatedAt: '2025-03-01T00:00:00.000Z',
      history: [{ at: '2025-03-01T00:00:00.000Z', actor: '张', action: 'register', summary: '登记' }],
      receivedDate: '2025-03-01',
      channel: '来信',
      source: '本级受理',
      kind: '批评建议',
      summary: '建议公开项目资金明细。',
      identity: { realName: false, persons: [] },
    };
    expect(CaseRecord.parse(stored)).toMatchObject({ feedbacks: [], dualFeedbacks: [], returnVisits: [], archive: null, status: '已办结' });
  });
});
