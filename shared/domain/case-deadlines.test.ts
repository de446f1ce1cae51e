import { describe, expect, it } from 'vitest';
import { shippedCalendar } from './calendar.js';
import { deriveDeadlines, isFrozen } from './case-deadlines.js';
import { DEFAULT_DEADLINE_SETTINGS } from './deadlines.js';
import { replayLoop, type LoopStepInput } from './loop.js';

const calendar = shippedCalendar();
const LEADER = { text: '同意', approver: '刘书记' };
const stateOf = (steps: LoopStepInput[]) => {
  const r = replayLoop(steps);
  if (!r.ok) throw new Error(r.reason);
  return r.state;
};
const routed = (routing: '本级承办' | '重复件留存备查' = '本级承办'): LoopStepInput[] => [
  { kind: 'accept', by: '张', at: '2026-03-02' },
  { kind: 'screen', by: '张', at: '2026-03-02', proposedRouting: routing, proposal: '拟办', repeatOf: routing === '重复件留存备查' ? '鹤纪信〔2026〕1号' : undefined },
  { kind: 'approve', by: '张', at: '2026-03-03', approved: true, instruction: LEADER },
  { kind: 'route', by: '张', at: '2026-03-04', routing, recipient: '第一室', repeatOf: routing === '重复件留存备查' ? '鹤纪信〔2026〕1号' : undefined },
];
const facts = { receivedDate: '2026-03-02', realName: true, assignedByUpper: true };

describe('deriveDeadlines', () => {
  it('owes 受理/转办, 受理告知 and the upper office’s reply from receipt; 分流 meets the first', () => {
    const d = deriveDeadlines(facts, stateOf(routed()), [], [], DEFAULT_DEADLINE_SETTINGS, calendar);
    expect(d.map((x) => [x.obligation, x.due, x.fulfilledAt ?? null])).toEqual([
      ['acceptOrRoute', '2026-03-09', '2026-03-04'],
      ['acceptanceNotice', '2026-03-23', null],
      ['upperAssignmentReply', '2026-04-01', null],
    ]);
  });

  it('a feedback to the reporter and to the upper office meets 结果反馈 and the 交办 reply', () => {
    const steps: LoopStepInput[] = [
      ...routed(),
      { kind: 'investigate', by: '李', at: '2026-03-20', disposition: '初步核实', finding: '属实', instruction: LEADER },
      { kind: 'feedback', by: '李', at: '2026-03-25', recipients: ['检举控告人', '上级机关'] },
      { kind: 'close', by: '李', at: '2026-03-26' },
    ];
    const d = deriveDeadlines(facts, stateOf(steps), [{ obligation: 'acceptanceNotice', date: '2026-03-10', note: '', by: '张' }], [], DEFAULT_DEADLINE_SETTINGS, calendar);
    expect(d.every(isFrozen)).toBe(true);
    expect(d.find((x) => x.obligation === 'upperAssignmentReply')).toMatchObject({ fulfilledAt: '2026-03-25', metOnTime: true });
    expect(d.find((x) => x.obligation === 'resultFeedback')).toMatchObject({ startDate: '2026-03-26', fulfilledAt: '2026-03-26', metOnTime: true });
  });

  it('a repeat owes no acceptance notice', () => {
    const d = deriveDeadlines({ ...facts, assignedByUpper: false }, stateOf(routed('重复件留存备查')), [], [], DEFAULT_DEADLINE_SETTINGS, calendar);
    expect(d.map((x) => x.obligation)).not.toContain('acceptanceNotice');
  });

  it('keeps a frozen verdict when the rules change afterwards', () => {
    const first = deriveDeadlines(facts, stateOf(routed()), [], [], DEFAULT_DEADLINE_SETTINGS, calendar);
    const rules = DEFAULT_DEADLINE_SETTINGS.rules.map((r) => (r.obligation === 'acceptOrRoute' ? { ...r, days: 1 } : r));
    const again = deriveDeadlines(facts, stateOf(routed()), [], first.filter(isFrozen), { ...DEFAULT_DEADLINE_SETTINGS, rules }, calendar);
    expect(again[0]).toEqual(first[0]);
    expect(again[0]).toMatchObject({ metOnTime: true, due: '2026-03-09' });
  });
});
