import { describe, expect, it } from 'vitest';
import { checkHouseholdRows, describeRowIssues, fieldVisitProblems } from './visits.js';

const row = { date: '2026-11-20', place: '走马镇白果村', visitors: '张明、李芳', peopleMet: '村民代表 5 人', households: 8, leads: 0, problemsSolved: 0 };

describe('入户走访 batch', () => {
  it('accepts valid rows', () => {
    const checked = checkHouseholdRows([row, { ...row, leads: 2, leadsNote: '反映低保评定不公' }], '2026-11-25');
    expect(checked.ok && checked.rows).toHaveLength(2);
  });

  it('points every problem at its row and field, in Chinese', () => {
    const checked = checkHouseholdRows([row, { ...row, households: 0 }, { ...row, place: '', date: '2026-12-01' }, { ...row, leads: 1 }], '2026-11-25');
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.issues).toEqual([
      { row: 2, field: 'households', message: '走访户数至少为 1' },
      { row: 3, field: 'place', message: '请填写地点' },
      { row: 4, field: 'leadsNote', message: '收集到线索的，请简要填写线索情况' },
    ]);
    expect(describeRowIssues(checked.issues)).toBe('第 2 行“走访户数”：走访户数至少为 1；第 3 行“走访地点”：请填写地点；第 4 行“线索情况”：收集到线索的，请简要填写线索情况');
    const future = checkHouseholdRows([{ ...row, date: '2026-12-01' }], '2026-11-25');
    expect(!future.ok && future.issues[0]).toMatchObject({ row: 1, field: 'date', message: '走访日期不能晚于今天' });
  });
});

describe('带信下访', () => {
  it('is recorded only once every pre-visit question is settled and every case has a finding and decision', () => {
    const result = {
      visitedOn: '2026-11-20',
      summary: '召开座谈会，现场答复',
      problemsSolved: 1,
      checklist: [{ question: '诉求是否摸清？', done: false, note: '' }],
      cases: [{ caseId: 'a', finding: '补偿款已发放', decision: '', solved: false }],
    };
    expect(fieldVisitProblems({ date: '2026-11-20', status: 'planned' }, result, '2026-11-25')).toEqual(['访前问题尚未落实：“诉求是否摸清？”', '有 1 件未填写了解的情况或处理意见']);
    const ok = { ...result, checklist: [{ question: '诉求是否摸清？', done: true, note: '' }], cases: [{ ...result.cases[0]!, decision: '予以了结' }] };
    expect(fieldVisitProblems({ date: '2026-11-20', status: 'planned' }, ok, '2026-11-25')).toEqual([]);
    expect(fieldVisitProblems({ date: '2026-11-20', status: 'done' }, ok, '2026-11-25')).toEqual(['该次下访已记录，不能重复记录']);
  });
});
