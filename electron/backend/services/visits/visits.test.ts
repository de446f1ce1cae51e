import { describe, expect, it } from 'vitest';
import { DEFAULT_PRE_VISIT_QUESTIONS } from '../../../../shared/domain/visits.js';
import { call, setUpOffice, testBackend } from '../../test-support/backend.js';
import { useTempDirs } from '../../test-support/tmp.js';

const tempDir = useTempDirs();

async function open() {
  const dir = tempDir();
  const backend = await testBackend(dir);
  await setUpOffice(backend);
  return { backend, dir };
}

const row = { date: '2026-11-20', place: '走马镇白果村', visitors: '张明、李芳', peopleMet: '村民代表 5 人', households: 8, leads: 1, leadsNote: '反映低保评定不公开', problemsSolved: 0 };

describe('入户走访', () => {
  it('refuses a batch with bad rows, naming each row, and saves nothing', async () => {
    const { backend } = await open();
    await expect(call(backend, 'householdVisits.record', { rows: [row, { ...row, households: 0 }, { ...row, place: ' ' }] })).rejects.toThrow(
      'INVALID_INPUT: 第 2 行“走访户数”：走访户数至少为 1；第 3 行“走访地点”：请填写地点',
    );
    expect((await call(backend, 'householdVisits.list', {})).rows).toEqual([]);
    await backend.close();
  });

  it('saves a batch in one write and lists it by date and place, with totals', async () => {
    const { backend, dir } = await open();
    const rows = [row, { ...row, place: '太平镇茶园村', date: '2026-11-10', households: 12, leads: 0, leadsNote: '', problemsSolved: 2, solvedNote: '协调解决饮水管道维修' }, { ...row, date: '2026-11-22' }];
    const saved = await call(backend, 'householdVisits.record', { rows });
    expect(saved.created).toBe(3);
    const all = await call(backend, 'householdVisits.list', {});
    expect(all.totals).toEqual({ visits: 3, households: 28, leads: 2, problemsSolved: 2 });
    expect(all.rows.map((r) => r.date)).toEqual(['2026-11-22', '2026-11-20', '2026-11-10']);
    expect(new Set(all.rows.map((r) => r.batchId))).toEqual(new Set([saved.batchId]));
    expect((await call(backend, 'householdVisits.list', { place: '走马镇' })).totals.visits).toBe(2);
    expect((await call(backend, 'householdVisits.list', { from: '2026-11-15', to: '2026-11-21' })).rows.map((r) => r.date)).toEqual(['2026-11-20']);
    // Stored in its own collection, kept across a reopening.
    await backend.close();
    const again = await testBackend(dir);
    await call(again, 'auth.login', { name: 'admin', password: 'Xinfang#2026' });
    expect((await call(again, 'householdVisits.list', {})).totals.households).toBe(28);
    await again.close();
  });
});

describe('带信下访', () => {
  it('plans a visit with the office’s pre-visit questions and records per-case findings into each case’s history', async () => {
    const { backend } = await open();
    const c = await call(backend, 'cases.register', {
      receivedDate: '2026-11-02',
      channel: '来访',
      source: '本级受理',
      kind: '检举控告',
      summary: '反映太平镇茶园村征地补偿款未足额发放。',
      reporter: { realName: false, persons: [] },
      accused: [{ type: 'unit', name: '太平镇茶园村村委会' }],
    });
    const plan = await call(backend, 'fieldVisits.plan', { date: '2026-11-24', place: '太平镇茶园村', leaders: ['刘书记'], participants: ['张明'], caseIds: [c.id] });
    expect(plan).toMatchObject({ status: 'planned', cases: [{ caseId: c.id, caseNo: c.caseNo }] });
    expect(plan.checklist.map((a) => a.question)).toEqual(DEFAULT_PRE_VISIT_QUESTIONS);

    const result = {
      visitedOn: '2026-11-24',
      summary: '召开群众座谈会，现场答复补偿政策',
      problemsSolved: 1,
      checklist: plan.checklist.map((a, i) => ({ ...a, done: i > 0 })),
      cases: [{ caseId: c.id, finding: '补偿款已于10月发放，群众不知情', decision: '村务公开补偿明细，予以了结', solved: true }],
    };
    await expect(call(backend, 'fieldVisits.record', { id: plan.id, expectedUpdatedAt: plan.updatedAt, result })).rejects.toThrow(/访前问题尚未落实/);
    const done = await call(backend, 'fieldVisits.record', { id: plan.id, expectedUpdatedAt: plan.updatedAt, result: { ...result, checklist: plan.checklist.map((a) => ({ ...a, done: true })) } });
    expect(done).toMatchObject({ status: 'done', visitedOn: '2026-11-24', problemsSolved: 1, cases: [{ solved: true, decision: '村务公开补偿明细，予以了结' }] });
    await expect(call(backend, 'fieldVisits.record', { id: plan.id, expectedUpdatedAt: done.updatedAt, result })).rejects.toThrow(/该次下访已记录，不能重复记录/);
    const history = (await call(backend, 'cases.get', { id: c.id })).history.at(-1)!;
    expect(history).toMatchObject({ action: 'fieldVisit', summary: '带信下访（太平镇茶园村，2026-11-24，带队领导 刘书记）：了解情况：补偿款已于10月发放，群众不知情；处理意见：村务公开补偿明细，予以了结；问题已解决' });
    expect(await call(backend, 'fieldVisits.list', { status: 'done', place: '茶园' })).toHaveLength(1);
    expect(await call(backend, 'fieldVisits.list', { status: 'planned' })).toHaveLength(0);

    const settings = await call(backend, 'visits.updateSettings', { preVisitQuestions: ['诉求清楚吗？', '依据找到了吗？'] });
    expect(settings.visits.preVisitQuestions).toHaveLength(2);
    expect((await call(backend, 'fieldVisits.plan', { date: '2026-11-30', place: '太平镇', leaders: ['刘书记'], caseIds: [c.id] })).checklist).toHaveLength(2);
    await backend.close();
  });
});
