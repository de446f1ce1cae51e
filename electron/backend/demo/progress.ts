import { addDays, daysBetween } from '../../../shared/domain/calendar.js';
import type { Fulfilment } from '../../../shared/domain/case-deadlines.js';
import { findingsFor, replayLoop, type Disposition, type LoopStep, type LoopStepInput, type Routing } from '../../../shared/domain/loop.js';

/**
 * How far a demo case has come through the closed loop, by its age: old cases are closed (most on time, some
 * late), recent ones are being handled, the newest wait for 受理 — so the 预警 colours show a realistic mix.
 */
const CLERKS = ['张明', '李芳', '王磊', '田静'];
const HANDLERS = ['第一纪检监察室', '第二纪检监察室', '第三纪检监察室', '案件监督管理室'];
const LEADER = { text: '同意，按程序办理。', approver: '刘书记' };

export interface DemoProgress {
  steps: LoopStep[];
  fulfilments: Fulfilment[];
}

export function demoProgress(received: string, realName: boolean, assignedByUpper: boolean, today: string, r: () => number, town: string): DemoProgress {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const age = daysBetween(received, today);
  const at = (offset: number) => {
    const d = addDays(received, offset);
    return d > today ? today : d;
  };
  const by = pick(CLERKS);
  const steps: LoopStepInput[] = [];
  const fulfilments: Fulfilment[] = [];
  const done = () => {
    const replay = replayLoop(steps);
    if (!replay.ok) throw new Error(`demo loop is invalid: ${replay.reason}`);
    return { steps: replay.state.steps, fulfilments };
  };
  if (age < 2) return done();
  steps.push({ kind: 'accept', by, at: at(1) });
  // A few notices were never sent and a few 交办 replies never came: those cases are the red ones.
  if (realName && age > 6 && r() > 0.05) fulfilments.push({ obligation: 'acceptanceNotice', date: at(4 + Math.floor(r() * 18)), note: pick(['电话告知', '书面告知', '当面告知']), by });
  if (age < 4) return done();
  const routing: Routing = r() < 0.62 ? '本级承办' : r() < 0.45 ? '交办' : pick(['转办', '不予受理', '无实质内容留存', '转有关机关/告知'] as const);
  const routeDay = 3 + Math.floor(r() * (r() < 0.85 ? 4 : 12));
  steps.push({ kind: 'screen', by, at: at(2), proposedRouting: routing, proposal: `拟${routing}` });
  steps.push({ kind: 'approve', by, at: at(3), approved: true, instruction: LEADER });
  if (age < routeDay) return done();
  const recipient = routing === '交办' ? `${town}纪委` : routing === '本级承办' ? pick(HANDLERS) : '有关机关';
  steps.push({ kind: 'route', by, at: at(routeDay), routing, recipient, replyBy: routing === '交办' ? addDays(at(routeDay), 30) : undefined });
  if (routing !== '本级承办' && routing !== '交办') {
    // Routed out or not accepted: the reporter is told, and an upper office's 交办 is answered, soon after.
    const told = at(routeDay + 2 + Math.floor(r() * 10));
    if (realName && routing !== '转办' && routing !== '转有关机关/告知') fulfilments.push({ obligation: 'resultFeedback', date: told, note: '书面告知', by });
    if (assignedByUpper) fulfilments.push({ obligation: 'upperAssignmentReply', date: told, note: '向上级报告处理情况', by });
    return done();
  }
  if (age < routeDay + 30) return done();
  const disposition: Disposition = pick(['初步核实', '初步核实', '谈话函询', '予以了结', '暂存待查', '移送审查调查'] as const);
  const { allowed } = findingsFor(disposition);
  const finding = allowed.length ? pick(allowed) : undefined;
  if (routing === '交办' && r() > 0.15) fulfilments.push({ obligation: 'assignmentReply', date: at(routeDay + 20 + Math.floor(r() * 15)), note: '下级书面回复办理情况', by });
  steps.push({ kind: 'investigate', by: pick(CLERKS), at: at(routeDay + 25), disposition, finding, clarification: finding === '失实' ? ['书面澄清'] : undefined, instruction: LEADER });
  if (disposition === '暂存待查' && assignedByUpper) fulfilments.push({ obligation: 'upperAssignmentReply', date: at(routeDay + 28), note: '报告暂存待查情况', by });
  if (disposition === '暂存待查' || age < routeDay + 40) return done();
  const recipients = [...(realName ? (['检举控告人'] as const) : []), ...(assignedByUpper ? (['上级机关'] as const) : [])];
  steps.push({ kind: 'feedback', by, at: at(routeDay + 32), recipients, decision: recipients.length ? '书面反馈处理结果' : '匿名件，无法向检举控告人反馈' });
  steps.push({ kind: 'close', by, at: at(routeDay + 33) });
  return done();
}
