import { describe, expect, it } from 'vitest';
import type { CaseInputDraft } from '../../../shared/domain/case.js';
import { call, setUpOffice, testBackend } from '../test-support/backend.js';
import { useTempDirs } from '../test-support/tmp.js';

const tempDir = useTempDirs();

const FIRST: CaseInputDraft = {
  receivedDate: '2026-03-02',
  channel: '来信',
  source: '本级受理',
  kind: '检举控告',
  summary: '反映走马镇白果村党支部书记赵德福在危房改造补助发放中优亲厚友，将其弟弟等3户不符合条件的人员纳入补助对象。',
  reporter: { realName: true, persons: [{ name: '田某某', phone: '13700001111' }] },
  accused: [{ type: 'person', name: '赵德福', unit: '走马镇白果村', post: '党支部书记' }],
};

describe('repeat suggestions', () => {
  it('finds the earlier case a forwarded copy repeats, with reasons, and not a new matter about the same person', async () => {
    const backend = await testBackend(tempDir());
    await setUpOffice(backend);
    const first = await call(backend, 'cases.register', FIRST);
    const again = await call(backend, 'cases.register', {
      ...FIRST,
      receivedDate: '2026-09-10',
      source: '上级转办',
      upperOffice: '恩施州纪委监委',
      upperRefNo: '恩纪转〔2026〕88号',
      summary: '反映走馬鎮白果村黨支部書記趙德福在危房改造補貼發放中優親厚友，此前已反映，至今未見處理結果，再次反映。',
    });
    const other = await call(backend, 'cases.register', { ...FIRST, receivedDate: '2026-10-01', reporter: { realName: false, persons: [] }, summary: '反映赵德福公车私用，节假日驾驶村里车辆接送家人。' });

    // Built in slices after start-up (here one record per slice), it answers as a query-built index would.
    await backend.context.repeats.warm(undefined, 1);
    const suggestions = await call(backend, 'repeats.forCase', { id: again.id });
    expect(suggestions.map((s) => s.caseNo)).toEqual([first.caseNo]);
    expect(suggestions[0]).toMatchObject({ kind: '重复件' });
    expect(suggestions[0]!.reasons).toEqual(expect.arrayContaining(['同一被反映人：赵德福（走马镇白果村党支部书记）', '同一检举控告人（联系电话相同）']));
    expect(JSON.stringify(suggestions)).not.toContain('13700001111');
    expect((await call(backend, 'repeats.forCase', { id: other.id })).map((s) => s.caseNo)).not.toContain(first.caseNo);

    const draft = await call(backend, 'repeats.forDraft', { ...FIRST, receivedDate: '2026-11-20', reporter: undefined });
    expect(draft.map((s) => s.caseNo)).toContain(first.caseNo);

    // Linking: the chain keeps its first case; a repeat owes no acceptance notice; unlinking needs a reason.
    expect(again.deadlines.map((d) => d.obligation)).toContain('acceptanceNotice');
    const linked = await call(backend, 'repeats.link', { id: again.id, firstId: first.id, expectedUpdatedAt: again.updatedAt });
    expect(linked.repeatOf).toMatchObject({ id: first.id, caseNo: first.caseNo });
    expect(linked.deadlines.map((d) => d.obligation)).not.toContain('acceptanceNotice');
    const third = await call(backend, 'cases.register', { ...FIRST, receivedDate: '2026-10-20', source: '上级交办', upperOffice: '湖北省纪委监委', upperRefNo: '鄂纪交〔2026〕3号' });
    const viaCopy = await call(backend, 'repeats.link', { id: third.id, firstId: again.id, expectedUpdatedAt: third.updatedAt });
    expect(viaCopy.repeatOf?.id).toBe(first.id);
    const chain = await call(backend, 'repeats.chain', { id: first.id });
    expect(chain).toMatchObject({ firstId: first.id, count: 3 });
    expect(chain.copies.map((c) => [c.caseNo, c.first])).toEqual([[first.caseNo, true], [again.caseNo, false], [third.caseNo, false]]);
    await expect(call(backend, 'repeats.link', { id: first.id, firstId: again.id, expectedUpdatedAt: (await call(backend, 'cases.get', { id: first.id })).updatedAt })).rejects.toThrow(/自身|首件/);
    await expect(call(backend, 'repeats.unlink', { id: third.id, expectedUpdatedAt: viaCopy.updatedAt, reason: '' })).rejects.toThrow(/理由/);
    const unlinked = await call(backend, 'repeats.unlink', { id: third.id, expectedUpdatedAt: viaCopy.updatedAt, reason: '反映的是另一次补助发放' });
    expect(unlinked.repeatOf).toBeNull();
    expect(unlinked.history.at(-1)!.summary).toContain('理由：反映的是另一次补助发放');
    expect((await call(backend, 'repeats.chain', { id: first.id })).count).toBe(2);

    // A role without the identity key is still told about the same accused and text, never about the reporter.
    await call(backend, 'users.create', { name: 'leader', displayName: '刘书记', role: '审批领导', password: 'Leader#2026' });
    await call(backend, 'auth.login', { name: 'leader', password: 'Leader#2026' });
    const forLeader = await call(backend, 'repeats.forCase', { id: again.id });
    expect(forLeader[0]!.caseNo).toBe(first.caseNo);
    expect(forLeader[0]!.reasons.join()).not.toContain('检举控告人');
    await backend.close();
  });
});
