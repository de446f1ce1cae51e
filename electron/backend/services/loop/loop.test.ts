import { describe, expect, it } from 'vitest';
import type { CaseInputDraft } from '../../../../shared/domain/case.js';
import type { LoopStepInput } from '../../../../shared/domain/loop.js';
import { call, setUpOffice, testBackend } from '../../test-support/backend.js';
import { useTempDirs } from '../../test-support/tmp.js';
import type { Backend } from '../../backend.js';

const tempDir = useTempDirs();

const CASE: CaseInputDraft = {
  receivedDate: '2026-11-02',
  channel: '来信',
  source: '本级受理',
  kind: '检举控告',
  summary: '反映中营镇三家台村会计挪用村集体资金。',
  reporter: { realName: true, persons: [{ name: '田某', phone: '13700001111' }] },
  accused: [{ type: 'person', name: '向某', unit: '中营镇三家台村', post: '村会计' }],
};
const LEADER = { text: '同意，请案管室按程序办理。', approver: '刘书记' };

async function open(today = '2026-11-25T09:00:00+08:00') {
  let now = new Date(today);
  const backend = await testBackend(tempDir(), () => now);
  await setUpOffice(backend);
  return { backend, setNow: (iso: string) => (now = new Date(iso)) };
}

async function step(backend: Backend, id: string, s: LoopStepInput) {
  const current = await call(backend, 'cases.get', { id });
  return call(backend, 'loop.apply', { id, expectedUpdatedAt: current.updatedAt, step: s });
}

describe('the closed loop through the backend', () => {
  it('takes a real-name case from 受理 to 报结, meeting its deadlines, and turns it blue', async () => {
    const { backend } = await open();
    const created = await call(backend, 'cases.register', { ...CASE, receivedDate: '2026-11-20' });
    expect(created.deadlines.map((d) => [d.obligation, d.due])).toEqual([
      ['acceptOrRoute', '2026-11-27'],
      ['acceptanceNotice', '2026-12-11'],
    ]);
    expect(created.alert).toBe('yellow');
    const id = created.id;
    await step(backend, id, { kind: 'accept', by: '张登记', at: '2026-11-23' });
    await step(backend, id, { kind: 'screen', by: '张登记', at: '2026-11-23', proposedRouting: '本级承办', proposal: '建议由第一纪检监察室初步核实' });
    await step(backend, id, { kind: 'approve', by: '张登记', at: '2026-11-24', approved: true, instruction: LEADER });
    let detail = await step(backend, id, { kind: 'route', by: '张登记', at: '2026-11-24', routing: '本级承办', recipient: '第一纪检监察室' });
    expect(detail.deadlines.find((d) => d.obligation === 'acceptOrRoute')).toMatchObject({ fulfilledAt: '2026-11-24', metOnTime: true });
    await call(backend, 'loop.fulfil', { id, expectedUpdatedAt: detail.updatedAt, obligation: 'acceptanceNotice', date: '2026-11-24', note: '电话告知' });
    await step(backend, id, { kind: 'investigate', by: '李承办', at: '2026-11-25', disposition: '初步核实', finding: '失实', clarification: ['书面澄清'], instruction: LEADER });
    await step(backend, id, { kind: 'feedback', by: '李承办', at: '2026-11-25', recipients: ['检举控告人'] });
    detail = await step(backend, id, { kind: 'close', by: '李承办', at: '2026-11-25' });
    expect(detail).toMatchObject({ stage: 'closed', status: '已办结', alert: 'blue' });
    expect(detail.deadlines.every((d) => d.fulfilledAt && d.metOnTime)).toBe(true);
    expect(detail.history.map((h) => h.summary)).toContain('分流：本级承办：第一纪检监察室');
    await backend.close();
  });

  it('shows a case past its deadline as red and records supervision in its history', async () => {
    const { backend } = await open();
    const created = await call(backend, 'cases.register', CASE);
    expect(created.alert).toBe('red');
    const overview = await call(backend, 'alerts.overview', {});
    expect(overview.counts.red).toBe(1);
    expect(overview.rows[0]).toMatchObject({ caseNo: created.caseNo, alert: 'red', obligation: 'acceptOrRoute', due: '2026-11-09' });
    const detail = await step(backend, created.id, { kind: 'supervise', by: '王主任', at: '2026-11-25', action: '督办', mode: '电话', decision: '电话督促第一纪检监察室三日内受理' });
    expect(detail.history.at(-1)!.summary).toBe('催办督办：电话督办：电话督促第一纪检监察室三日内受理');
    expect((await call(backend, 'alerts.overview', {})).rows[0]!.supervisions).toBe(1);
    expect((await call(backend, 'cases.ledger', { alerts: ['red'] })).total).toBe(1);

    const { draft } = await call(backend, 'documents.draft', { caseId: created.id, type: 'supervision', fields: { addressee: '中营镇纪委' } });
    expect(draft.title).toBe(`关于督促办理${created.caseNo}信访举报件的函`);
    expect(draft.body.map((p) => p.text).join('')).toContain('“受理、转办或报送”应于2026年11月9日前完成，截至2026年11月25日已超期');
    expect(draft.replyBy).toBe('2026-12-02');
    expect(JSON.stringify(draft)).not.toContain('田某');
    const issued = await call(backend, 'documents.issue', { caseId: created.id, expectedUpdatedAt: detail.updatedAt, draft });
    expect(issued.detail.documents).toHaveLength(1);
    expect(issued.detail.history.at(-1)!.summary).toBe(`出具督办函（鹤纪督〔2026〕1号）：${draft.title}`);
    await backend.close();
  });

  it('refuses an illegal step with a clear message and changes nothing', async () => {
    const { backend } = await open();
    const created = await call(backend, 'cases.register', CASE);
    await expect(step(backend, created.id, { kind: 'close', by: '李承办', at: '2026-11-25' })).rejects.toThrow(/不能报结；可以受理/);
    await expect(step(backend, created.id, { kind: 'accept', by: '李承办', at: '2026-12-25' })).rejects.toThrow(/不能晚于今天/);
    await expect(step(backend, created.id, { kind: 'accept', by: '李承办', at: '2026-10-01' })).rejects.toThrow(/不能早于收件日期/);
    expect(await call(backend, 'cases.get', { id: created.id })).toEqual(created);
    await backend.close();
  });

  it('flags a deadline in a year without calendar, and computes it once the year is loaded', async () => {
    const { backend } = await open('2026-12-28T09:00:00+08:00');
    const created = await call(backend, 'cases.register', { ...CASE, receivedDate: '2026-12-24' });
    const notice = created.deadlines.find((d) => d.obligation === 'acceptanceNotice')!;
    expect(notice).toMatchObject({ due: null, missingYears: [2027] });
    expect(notice.explanation).toContain('2027');
    expect((await call(backend, 'alerts.overview', {})).missingYears).toEqual([2027]);
    // Test data in the import format (not the State Council's 2027 notice).
    const year2027 = { year: 2027, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], makeUpDays: [], source: { title: '测试用节假日安排', issuedBy: '测试', date: '2026-11-20' } };
    const imported = await call(backend, 'calendar.import', { text: JSON.stringify(year2027) });
    expect(imported).toMatchObject({ years: [2027], recomputed: 1 });
    const after = await call(backend, 'cases.get', { id: created.id });
    expect(after.deadlines.find((d) => d.obligation === 'acceptanceNotice')).toMatchObject({ due: '2027-01-15', missingYears: [] });
    await expect(call(backend, 'calendar.import', { text: '{"year": 2027}' })).rejects.toThrow(/INVALID_INPUT/);
    await backend.close();
  });

  it('keeps a fulfilled deadline’s verdict when the rules change later', async () => {
    const { backend } = await open();
    const created = await call(backend, 'cases.register', CASE);
    const routed = await (async () => {
      await step(backend, created.id, { kind: 'accept', by: '张', at: '2026-11-20' });
      await step(backend, created.id, { kind: 'screen', by: '张', at: '2026-11-20', proposedRouting: '本级承办', proposal: '本级办理' });
      await step(backend, created.id, { kind: 'approve', by: '张', at: '2026-11-20', approved: true, instruction: LEADER });
      return step(backend, created.id, { kind: 'route', by: '张', at: '2026-11-20', routing: '本级承办', recipient: '第二室' });
    })();
    expect(routed.deadlines[0]).toMatchObject({ obligation: 'acceptOrRoute', metOnTime: false, due: '2026-11-09' });
    const settings = await call(backend, 'settings.get', {});
    const rules = settings.deadlines.rules.map((r) => (r.obligation === 'acceptOrRoute' ? { ...r, days: 30 } : r));
    await call(backend, 'deadlines.updateSettings', { ...settings.deadlines, rules });
    expect((await call(backend, 'cases.get', { id: created.id })).deadlines[0]).toMatchObject({ metOnTime: false, due: '2026-11-09' });
    await backend.close();
  });
});
