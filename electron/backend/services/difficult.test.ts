import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { CaseInputDraft } from '../../../shared/domain/case.js';
import type { Backend } from '../backend.js';
import { call, setUpOffice, testBackend } from '../test-support/backend.js';
import { useTempDirs } from '../test-support/tmp.js';

const tempDir = useTempDirs();

/** The source report's pattern: one villager's accusation, found untrue, forwarded again and again by higher offices. */
const FIRST: CaseInputDraft = {
  receivedDate: '2026-01-12',
  channel: '来信',
  source: '本级受理',
  kind: '检举控告',
  summary: '反映中营镇三家台村村委会主任向德贵在低保评定中优亲厚友，将不符合条件的亲属纳入低保。',
  reporter: { realName: true, persons: [{ name: '覃某某', phone: '13872001234' }] },
  accused: [{ type: 'person', name: '向德贵', unit: '中营镇三家台村', post: '村委会主任' }],
};
const copy = (receivedDate: string, upperOffice: string, upperRefNo: string): CaseInputDraft => ({ ...FIRST, receivedDate, source: '上级转办', upperOffice, upperRefNo });

async function office(): Promise<Backend> {
  // A clock that moves a second per reading, so each save has its own version for the stale-edit guard.
  let t = Date.parse('2026-11-25T09:00:00+08:00');
  const backend = await testBackend(tempDir(), () => new Date((t += 1000)));
  await setUpOffice(backend);
  return backend;
}

describe('重点疑难件 and 化解专班', () => {
  it('keeps the task force on the chain’s first case, from meeting to resolution, each step in the history', async () => {
    const backend = await office();
    const first = await call(backend, 'cases.register', FIRST);
    const second = await call(backend, 'cases.register', copy('2026-05-06', '恩施州纪委监委', '恩纪转〔2026〕41号'));
    await call(backend, 'repeats.link', { id: second.id, firstId: first.id, expectedUpdatedAt: second.updatedAt });

    // Flagged from a copy: the record lives on the first case; every copy shows the same.
    let view = await call(backend, 'difficult.flag', { id: second.id, reason: '同一问题经核实失实后仍多次重复举报' });
    expect(view).toMatchObject({ caseId: first.id, chainCount: 2, status: '待组建专班' });
    expect((await call(backend, 'difficult.get', { id: first.id })).record?.reason).toBe('同一问题经核实失实后仍多次重复举报');
    await expect(call(backend, 'difficult.flag', { id: first.id, reason: '再次列入' })).rejects.toThrow(/已列为重点疑难件/);

    await expect(call(backend, 'difficult.record', { id: first.id, expectedUpdatedAt: view.updatedAt, activity: { kind: '专班会议', date: '2026-06-01', content: '研究化解方案' } })).rejects.toThrow(/先组建化解专班/);
    const taskForce = { lead: '李主任', members: ['李主任', '谭干事', '中营镇 王书记'], plan: '查明诉求，协调民政部门依规解决', formedOn: '2026-06-01', deadline: '2026-12-31' };
    await expect(call(backend, 'difficult.update', { id: first.id, expectedUpdatedAt: view.updatedAt, taskForce: { ...taskForce, deadline: '2026-05-01' } })).rejects.toThrow(/化解期限不能早于/);
    view = await call(backend, 'difficult.update', { id: first.id, expectedUpdatedAt: view.updatedAt, taskForce });
    expect(view.record?.taskForce?.members).toEqual(['谭干事', '中营镇 王书记']);
    expect(view.status).toBe('化解中');
    // A stale page cannot overwrite a newer record.
    await expect(call(backend, 'difficult.update', { id: first.id, expectedUpdatedAt: first.updatedAt, realDemand: 'x' })).rejects.toThrow();

    view = await call(backend, 'difficult.record', { id: second.id, expectedUpdatedAt: view.updatedAt, activity: { kind: '实地走访', date: '2026-06-10', participants: '谭干事、村支书', content: '入户了解，其残疾弟弟住房为危房' } });
    view = await call(backend, 'difficult.record', { id: first.id, expectedUpdatedAt: view.updatedAt, activity: { kind: '专班会议', date: '2026-06-05', content: '研究化解方案，分工入户' } });
    expect(view.record?.activities.map((a) => a.date)).toEqual(['2026-06-05', '2026-06-10']);

    const resolution = { date: '2026-09-20', content: '协调纳入危房改造，住房已修缮', satisfaction: '满意' as const };
    await expect(call(backend, 'difficult.resolve', { id: first.id, expectedUpdatedAt: view.updatedAt, resolution })).rejects.toThrow(/真实诉求/);
    view = await call(backend, 'difficult.update', { id: first.id, expectedUpdatedAt: view.updatedAt, realDemand: '为残疾弟弟解决住房' });
    view = await call(backend, 'difficult.resolve', { id: first.id, expectedUpdatedAt: view.updatedAt, resolution });
    expect(view.status).toBe('已化解');
    await expect(call(backend, 'difficult.unflag', { id: first.id, expectedUpdatedAt: view.updatedAt, reason: '误列' })).rejects.toThrow(/不能撤销/);

    const history = (await call(backend, 'cases.get', { id: first.id })).history.filter((h) => h.action === 'difficult').map((h) => h.summary);
    expect(history).toEqual([
      '列为重点疑难件（理由：同一问题经核实失实后仍多次重复举报）',
      '组建化解专班（组长 李主任，成员 谭干事、中营镇 王书记，期限 2026-12-31）',
      '专班实地走访（2026-06-10）：入户了解，其残疾弟弟住房为危房',
      '专班专班会议（2026-06-05）：研究化解方案，分工入户',
      '真实诉求：为残疾弟弟解决住房',
      '化解完毕（2026-09-20，检举控告人满意）：协调纳入危房改造，住房已修缮',
    ]);
    const [row] = await call(backend, 'difficult.list', {});
    expect(row).toMatchObject({ caseNo: first.caseNo, chainCount: 2, lead: '李主任', status: '已化解', activities: 2, satisfaction: '满意' });
    // A flagged case is not linked under another chain behind the task force's back.
    const other = await call(backend, 'cases.register', { ...FIRST, receivedDate: '2026-07-01', summary: '反映向德贵侵占集体山林。' });
    const flaggedOther = await call(backend, 'difficult.flag', { id: other.id, reason: '群体性' });
    await expect(call(backend, 'repeats.link', { id: other.id, firstId: first.id, expectedUpdatedAt: flaggedOther.updatedAt })).rejects.toThrow(/重点疑难件/);
    await backend.close();
  });
});

describe('repeat lists and the periodic report', () => {
  it('counts the period’s repeats, chains and difficult cases as a plain count does, and exports them', async () => {
    const backend = await office();
    const first = await call(backend, 'cases.register', FIRST);
    const copies = [copy('2026-03-03', '恩施州纪委监委', '恩纪转〔2026〕12号'), copy('2026-10-08', '湖北省纪委监委', '鄂纪转〔2026〕301号'), copy('2026-10-21', '恩施州纪委监委', '恩纪转〔2026〕77号')];
    const linked = [];
    for (const c of copies) {
      const created = await call(backend, 'cases.register', c);
      linked.push(await call(backend, 'repeats.link', { id: created.id, firstId: first.id, expectedUpdatedAt: created.updatedAt }));
    }
    const otherFirst = await call(backend, 'cases.register', { ...FIRST, receivedDate: '2026-09-01', accused: [{ type: 'person', name: '田大军', unit: '下坪乡', post: '副乡长' }], summary: '反映下坪乡副乡长田大军违规收受工程老板礼金。' });
    const otherCopy = await call(backend, 'cases.register', { ...FIRST, receivedDate: '2026-10-15', accused: otherFirst.accused, summary: otherFirst.summary });
    await call(backend, 'repeats.link', { id: otherCopy.id, firstId: otherFirst.id, expectedUpdatedAt: otherCopy.updatedAt });
    await call(backend, 'cases.register', { ...FIRST, receivedDate: '2026-10-02', summary: '反映某村道路硬化工程质量差。', accused: [{ type: 'unit', name: '燕子镇人民政府' }] });
    await call(backend, 'difficult.flag', { id: first.id, reason: '多次重复举报' });

    const chains = await call(backend, 'repeats.chains', {});
    expect(chains.map((c) => [c.firstCaseNo, c.count])).toEqual([[first.caseNo, 4], [otherFirst.caseNo, 2]]);
    expect(chains[0]).toMatchObject({ firstReceived: '2026-01-12', latestReceived: '2026-10-21', difficult: '待组建专班', sources: ['本级受理', '恩施州纪委监委', '湖北省纪委监委'] });

    const report = await call(backend, 'repeats.report', { from: '2026-10-01', to: '2026-10-31' });
    // An independent count over what was registered above.
    const all = [FIRST, ...copies, { receivedDate: '2026-09-01' }, { receivedDate: '2026-10-15' }, { receivedDate: '2026-10-02' }];
    const inOctober = all.filter((c) => c.receivedDate! >= '2026-10-01' && c.receivedDate! <= '2026-10-31');
    expect(report).toMatchObject({ received: inOctober.length, repeats: 3, repeatRate: Math.round((3 / inOctober.length) * 1000) / 10 });
    expect(report.bySource).toEqual([{ name: '上级转办', count: 2 }, { name: '本级受理', count: 1 }]);
    expect(report.byUpperOffice).toEqual([{ name: '恩施州纪委监委', count: 1 }, { name: '湖北省纪委监委', count: 1 }]);
    expect(report.chains.map((c) => [c.firstCaseNo, c.inPeriod, c.count])).toEqual([[first.caseNo, 2, 4], [otherFirst.caseNo, 1, 2]]);
    expect(report.difficult).toEqual({ flagged: 0, resolved: 0, satisfied: 0, open: 1 });
    await expect(call(backend, 'repeats.report', { from: '2026-11-01', to: '2026-10-01' })).rejects.toThrow(/开始日期不能晚于结束日期/);

    const file = await call(backend, 'repeats.exportReport', { from: '2026-10-01', to: '2026-10-31' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const figures = book.getWorksheet('重复件情况')!;
    expect(figures.getRow(3).values).toEqual([undefined, '收件总数', inOctober.length]);
    expect(book.getWorksheet('重复件链')!.getRow(2).getCell(1).value).toBe(first.caseNo);
    expect(JSON.stringify(book.model)).not.toContain('覃某某');
    await backend.close();
  });

  it('routes a case 重复件留存备查 into the chain it names, and honours the office’s time window', async () => {
    const backend = await office();
    const first = await call(backend, 'cases.register', FIRST);
    const again = await call(backend, 'cases.register', copy('2026-11-02', '恩施州纪委监委', '恩纪转〔2026〕90号'));
    const leader = { text: '同意留存备查。', approver: '刘书记' };
    let d = await call(backend, 'loop.apply', { id: again.id, expectedUpdatedAt: again.updatedAt, step: { kind: 'accept', by: '张登记', at: '2026-11-03' } });
    d = await call(backend, 'loop.apply', { id: again.id, expectedUpdatedAt: d.updatedAt, step: { kind: 'screen', by: '张登记', at: '2026-11-03', proposedRouting: '重复件留存备查', proposal: '与首件反映问题相同', repeatOf: first.caseNo } });
    d = await call(backend, 'loop.apply', { id: again.id, expectedUpdatedAt: d.updatedAt, step: { kind: 'approve', by: '张登记', at: '2026-11-04', approved: true, instruction: leader } });
    d = await call(backend, 'loop.apply', { id: again.id, expectedUpdatedAt: d.updatedAt, step: { kind: 'route', by: '张登记', at: '2026-11-04', routing: '重复件留存备查' } });
    expect(d.repeatOf).toMatchObject({ id: first.id, caseNo: first.caseNo });
    expect(d.history.at(-1)!.summary).toContain(`标记为重复件，首件 ${first.caseNo}`);
    expect(d.deadlines.map((x) => x.obligation)).not.toContain('acceptanceNotice');

    // 2026-01-12 → 2026-11-02 is 294 days: outside a 180-day window, inside the default two years.
    const later = await call(backend, 'cases.register', copy('2026-11-03', '湖北省纪委监委', '鄂纪转〔2026〕400号'));
    expect((await call(backend, 'repeats.forCase', { id: later.id })).map((s) => s.caseNo)).toContain(first.caseNo);
    await expect(call(backend, 'repeats.updateSettings', { windowDays: 10 })).rejects.toThrow(/不少于 30 天/);
    await call(backend, 'repeats.updateSettings', { windowDays: 180 });
    expect((await call(backend, 'repeats.forCase', { id: later.id })).map((s) => s.caseNo)).toEqual([again.caseNo]);
    await backend.close();
  });
});
