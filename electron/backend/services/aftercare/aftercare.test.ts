import { describe, expect, it } from 'vitest';
import { ARCHIVE_CHECKLIST } from '../../../../shared/domain/archive.js';
import type { CaseDetail } from '../../../../shared/domain/case.js';
import type { LoopStepInput } from '../../../../shared/domain/loop.js';
import type { Backend } from '../../backend.js';
import { call, setUpOffice, testBackend } from '../../test-support/backend.js';
import { REAL_NAME_CASE, REPORTER } from '../../test-support/documents.js';
import { useTempDirs } from '../../test-support/tmp.js';

const tempDir = useTempDirs();

const CASE = REAL_NAME_CASE;
const LEADER = { text: '同意。', approver: '刘书记' };
const ARCHIVE = { date: '2026-11-25', retention: '30年' as const, checklist: [...ARCHIVE_CHECKLIST], pages: 18, by: '田静' };

async function open() {
  const backend = await testBackend(tempDir());
  await setUpOffice(backend);
  return backend;
}

async function step(backend: Backend, id: string, s: LoopStepInput) {
  const current = await call(backend, 'cases.get', { id });
  return call(backend, 'loop.apply', { id, expectedUpdatedAt: current.updatedAt, step: s });
}

/** A real-name case taken to 已核查，待反馈. */
async function investigated(backend: Backend): Promise<CaseDetail> {
  const { id } = await call(backend, 'cases.register', CASE);
  await step(backend, id, { kind: 'accept', by: '张', at: '2026-11-03' });
  await step(backend, id, { kind: 'screen', by: '张', at: '2026-11-03', proposedRouting: '本级承办', proposal: '初步核实' });
  await step(backend, id, { kind: 'approve', by: '张', at: '2026-11-04', approved: true, instruction: LEADER });
  await step(backend, id, { kind: 'route', by: '张', at: '2026-11-04', routing: '本级承办', recipient: '第一纪检监察室' });
  return step(backend, id, { kind: 'investigate', by: '李', at: '2026-11-18', disposition: '初步核实', finding: '部分属实', instruction: LEADER });
}

const feedback = { date: '2026-11-19', method: '当面反馈' as const, by: '李承办', content: '经初步核实，反映问题部分属实，已责令整改', view: '部分认可' as const, objection: '认为处理偏轻；已解释处理依据', newEvidence: '' };

async function closed(backend: Backend): Promise<CaseDetail> {
  const d = await investigated(backend);
  const fed = await call(backend, 'feedback.record', { id: d.id, expectedUpdatedAt: d.updatedAt, feedback });
  return call(backend, 'loop.apply', { id: d.id, expectedUpdatedAt: fed.updatedAt, step: { kind: 'close', by: '李', at: '2026-11-20' } });
}

describe('结果反馈 and 双反馈', () => {
  it('records the reporter feedback as the loop’s 反馈 step, meeting the result feedback deadline', async () => {
    const backend = await open();
    const d = await investigated(backend);
    const fed = await call(backend, 'feedback.record', { id: d.id, expectedUpdatedAt: d.updatedAt, feedback });
    expect(fed.stage).toBe('fedBack');
    expect(fed.feedbacks).toHaveLength(1);
    expect(fed.steps.at(-1)).toMatchObject({ kind: 'feedback', recipients: ['检举控告人'], objection: feedback.objection });
    expect(fed.history.at(-1)).toMatchObject({ action: 'feedback', summary: '结果反馈（当面反馈，2026-11-19）：检举控告人部分认可；异议：认为处理偏轻；已解释处理依据' });
    expect(fed.history.at(-1)!.changes).toEqual([{ field: '结果反馈', before: '0 次', after: '1 次' }]);
    const closedCase = await call(backend, 'loop.apply', { id: d.id, expectedUpdatedAt: fed.updatedAt, step: { kind: 'close', by: '李', at: '2026-11-20' } });
    expect(closedCase.deadlines.find((x) => x.obligation === 'resultFeedback')).toMatchObject({ fulfilledAt: '2026-11-20', metOnTime: true });

    const dual = await call(backend, 'feedback.recordDual', {
      id: d.id,
      expectedUpdatedAt: closedCase.updatedAt,
      dual: { date: '2026-11-21', recipient: '走马镇党委', method: '书面函告', by: '李承办', matters: '危房改造补助标准的政策解释，属镇政府职责' },
    });
    expect(dual.dualFeedbacks[0]).toMatchObject({ recipient: '走马镇党委', response: null });
    const answered = await call(backend, 'feedback.recordDualResponse', { id: d.id, expectedUpdatedAt: dual.updatedAt, dualId: dual.dualFeedbacks[0]!.id, response: { date: '2026-11-24', content: '镇政府已上门解释并补发', resolved: true } });
    expect(answered.dualFeedbacks[0]!.response).toMatchObject({ resolved: true });
    expect(answered.history.at(-1)!.changes).toEqual([{ field: '双反馈（走马镇党委）', before: '待回复', after: '诉求已化解' }]);
    await backend.close();
  });

  it('never lets the reporter’s name or phone into the records', async () => {
    const backend = await open();
    const d = await investigated(backend);
    await expect(call(backend, 'feedback.record', { id: d.id, expectedUpdatedAt: d.updatedAt, feedback: { ...feedback, content: `已向${REPORTER.name}当面反馈` } })).rejects.toThrow(/出现了检举控告人的姓名/);
    await expect(call(backend, 'feedback.record', { id: d.id, expectedUpdatedAt: d.updatedAt, feedback: { ...feedback, objection: `电话 ${REPORTER.phone} 回复` } })).rejects.toThrow(/出现了检举控告人的姓名/);
    expect((await call(backend, 'cases.get', { id: d.id })).feedbacks).toEqual([]);
    await backend.close();
  });
});

describe('回访', () => {
  it('requires a second visit after an unsatisfied one and records it as 二次回访', async () => {
    const backend = await open();
    const c = await closed(backend);
    const unsatisfied = { date: '2026-11-21', method: '电话回访' as const, by: '王', satisfaction: '不满意' as const, opinion: '认为处理偏轻' };
    await expect(call(backend, 'returnVisits.record', { id: c.id, expectedUpdatedAt: c.updatedAt, visit: unsatisfied })).rejects.toThrow(/须记录处理措施.*须安排二次回访/);
    const first = await call(backend, 'returnVisits.record', { id: c.id, expectedUpdatedAt: c.updatedAt, visit: { ...unsatisfied, measures: '约谈解释处理依据', secondVisitBy: '2026-12-01' } });
    expect(first.returnVisits[0]).toMatchObject({ round: 1, satisfaction: '不满意', secondVisitBy: '2026-12-01' });
    // The archive waits for the second visit.
    await expect(call(backend, 'archive.close', { id: c.id, expectedUpdatedAt: first.updatedAt, archive: ARCHIVE })).rejects.toThrow(/二次回访尚未进行/);
    const second = await call(backend, 'returnVisits.record', { id: c.id, expectedUpdatedAt: first.updatedAt, visit: { date: '2026-11-24', method: '上门回访', by: '王', satisfaction: '基本满意' } });
    expect(second.returnVisits[1]).toMatchObject({ round: 2, satisfaction: '基本满意' });
    expect(second.history.at(-1)).toMatchObject({ action: 'returnVisit', summary: '第 2 次回访（二次回访）（上门回访，2026-11-24）：基本满意', changes: [{ field: '满意度', before: '不满意', after: '基本满意' }] });
    await backend.close();
  });
});

describe('存档', () => {
  it('archives a concluded case with a yearly 卷号 and makes it read-only for every change', async () => {
    const backend = await open();
    const open1 = await investigated(backend);
    await expect(call(backend, 'archive.close', { id: open1.id, expectedUpdatedAt: open1.updatedAt, archive: ARCHIVE })).rejects.toThrow(/只有已报结的信访件才能存档/);
    await expect(call(backend, 'archive.close', { id: open1.id, expectedUpdatedAt: open1.updatedAt, archive: { ...ARCHIVE, checklist: ['目录'] } })).rejects.toThrow(/“七有”缺少：原件、受理登记/);

    const c = await closed(backend);
    const archived = await call(backend, 'archive.close', { id: c.id, expectedUpdatedAt: c.updatedAt, archive: ARCHIVE });
    expect(archived.status).toBe('已存档');
    expect(archived.archive).toMatchObject({ volumeNo: '2026-0001', year: 2026, serial: 1, retention: '30年', pages: 18 });
    expect(archived.history.at(-1)!.changes).toEqual([{ field: '状态', before: '已办结', after: '已存档' }]);
    const u = archived.updatedAt;

    const refusal = /已存档（卷号 2026-0001），案卷只读/;
    const { reporter: _r, ...input } = CASE;
    await expect(call(backend, 'cases.update', { id: c.id, expectedUpdatedAt: u, changes: { ...input, summary: `${CASE.summary}补充` } })).rejects.toThrow(refusal);
    await expect(call(backend, 'loop.apply', { id: c.id, expectedUpdatedAt: u, step: { kind: 'reopen', by: '李', at: '2026-11-25', to: 'investigate', reason: '新证据', instruction: LEADER } })).rejects.toThrow(refusal);
    await expect(call(backend, 'feedback.record', { id: c.id, expectedUpdatedAt: u, feedback })).rejects.toThrow(refusal);
    await expect(call(backend, 'returnVisits.record', { id: c.id, expectedUpdatedAt: u, visit: { date: '2026-11-25', method: '电话回访', by: '王', satisfaction: '满意' } })).rejects.toThrow(refusal);
    const { draft } = await call(backend, 'documents.draft', { caseId: c.id, type: 'slip', fields: {} });
    await expect(call(backend, 'documents.issue', { caseId: c.id, expectedUpdatedAt: u, draft })).rejects.toThrow(refusal);
    await expect(call(backend, 'archive.close', { id: c.id, expectedUpdatedAt: u, archive: ARCHIVE })).rejects.toThrow(refusal);
    const audit = await call(backend, 'audit.query', { action: 'archive.refused' });
    expect(audit.total).toBe(6);
    expect(audit.entries[0]).toMatchObject({ outcome: 'denied' });
    expect((await call(backend, 'cases.get', { id: c.id })).updatedAt).toBe(u);

    // The next case of the year gets the next 卷号; the list is per year.
    const c2 = await closed(backend);
    expect((await call(backend, 'archive.close', { id: c2.id, expectedUpdatedAt: c2.updatedAt, archive: ARCHIVE })).archive!.volumeNo).toBe('2026-0002');
    const list = await call(backend, 'archive.list', { year: 2026 });
    expect(list.years).toEqual([2026]);
    expect(list.rows.map((r) => r.archive.volumeNo)).toEqual(['2026-0001', '2026-0002']);
    expect(list.rows[0]!.accused).toBe('走马镇财政所所长赵某某');
    await backend.close();
  });

  it('lets only an administrator take a case out of the archive, with a reason, audited', async () => {
    const backend = await open();
    const c = await closed(backend);
    const archived = await call(backend, 'archive.close', { id: c.id, expectedUpdatedAt: c.updatedAt, archive: ARCHIVE });
    await call(backend, 'users.create', { name: 'handler', displayName: '李承办', role: '承办人', password: 'Handler#2026' });
    await call(backend, 'auth.logout', {});
    await call(backend, 'auth.login', { name: 'handler', password: 'Handler#2026' });
    await expect(call(backend, 'archive.reopen', { id: c.id, expectedUpdatedAt: archived.updatedAt, reason: '补充材料' })).rejects.toThrow(/FORBIDDEN/);
    await call(backend, 'auth.logout', {});
    await call(backend, 'auth.login', { name: 'admin', password: 'Xinfang#2026' });
    const reopened = await call(backend, 'archive.reopen', { id: c.id, expectedUpdatedAt: archived.updatedAt, reason: '补充二次回访材料' });
    expect(reopened).toMatchObject({ status: '已办结', archive: null });
    expect(reopened.history.at(-1)!.summary).toBe('撤销存档（原卷号 2026-0001，卷号不再使用），理由：补充二次回访材料');
    expect((await call(backend, 'audit.query', { action: 'archive.undo' })).entries[0]).toMatchObject({ detail: '原卷号 2026-0001；理由：补充二次回访材料' });
    // Archived again, it takes a new number: numbers are never given out twice.
    expect((await call(backend, 'archive.close', { id: c.id, expectedUpdatedAt: reopened.updatedAt, archive: ARCHIVE })).archive!.volumeNo).toBe('2026-0002');
    await backend.close();
  });
});
