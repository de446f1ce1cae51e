import { describe, expect, it } from 'vitest';
import {
  DISPOSITIONS,
  FINDINGS,
  ROUTINGS,
  STAGES,
  STEP_KINDS,
  allowedSteps,
  applyStep,
  deadlineExtensionOf,
  eventDates,
  extensionsOf,
  initialLoop,
  replayLoop,
  stageAfterRouting,
  suspensionsOf,
  type Disposition,
  type Finding,
  type LoopState,
  type LoopStepInput,
  type Routing,
  type Stage,
  type StepKind,
} from './loop.js';

const instruction = { text: '同意。', approver: '王书记' };
const chinese = /[\u4e00-\u9fa5]/;

/** A step of each kind that is valid in content for the state it is applied to. */
function stepOf(kind: StepKind, state: LoopState, at = '2025-03-10'): LoopStepInput {
  const base = { by: '李干部', at };
  switch (kind) {
    case 'accept':
      return { ...base, kind };
    case 'screen':
      return { ...base, kind, proposedRouting: '本级承办', proposal: '拟转第一监督检查室承办。' };
    case 'approve':
      return { ...base, kind, approved: true, instruction };
    case 'route':
      return { ...base, kind, routing: state.approvedRouting ?? '本级承办', recipient: '第一监督检查室' };
    case 'investigate':
      return { ...base, kind, disposition: '初步核实', finding: '属实', instruction };
    case 'supervise':
      return { ...base, kind, action: '督办', mode: '电话' };
    case 'feedback':
      return { ...base, kind, recipients: ['检举控告人'] };
    case 'close':
      return { ...base, kind };
    case 'extend':
      return { ...base, kind, obligation: 'resultFeedback', days: 5, reason: '需补充调查', instruction };
    case 'suspend':
      return { ...base, kind, reason: '被反映人住院治疗', instruction };
    case 'resume':
      return { ...base, kind };
    case 'reopen':
      return { ...base, kind, to: 'screen', reason: '检举控告人提供新的证据', instruction };
  }
}

function run(steps: LoopStepInput[], from: LoopState = initialLoop()): LoopState {
  let state = from;
  for (const step of steps) {
    const r = applyStep(state, step);
    if (!r.ok) throw new Error(`${step.kind}: ${r.reason}`);
    state = r.state;
  }
  return state;
}

function routedAs(routing: Routing, extra: Partial<Record<string, unknown>> = {}): LoopStepInput[] {
  const s = initialLoop();
  return [
    stepOf('accept', s),
    { ...(stepOf('screen', s) as object), proposedRouting: routing, repeatOf: 'XF-2025-1' } as LoopStepInput,
    stepOf('approve', s),
    { by: '李干部', at: '2025-03-10', kind: 'route', routing, recipient: '某机关', repeatOf: 'XF-2025-1', ...(routing === '交办' ? { replyBy: '2025-04-10' } : {}), ...extra } as LoopStepInput,
  ];
}

/** A state in each stage, reached by legal steps only. */
function stateAt(stage: Stage): LoopState {
  const s = initialLoop();
  const upTo = (kinds: StepKind[]) => kinds.reduce((state, kind) => run([stepOf(kind, state)], state), s);
  switch (stage) {
    case 'registered':
      return s;
    case 'accepted':
      return upTo(['accept']);
    case 'screened':
      return upTo(['accept', 'screen']);
    case 'approved':
      return upTo(['accept', 'screen', 'approve']);
    case 'routed':
      return upTo(['accept', 'screen', 'approve', 'route']);
    case 'pending':
      return run([{ by: '李干部', at: '2025-03-10', kind: 'investigate', disposition: '暂存待查', instruction }], stateAt('routed'));
    case 'investigated':
      return upTo(['accept', 'screen', 'approve', 'route', 'investigate']);
    case 'fedBack':
      return upTo(['accept', 'screen', 'approve', 'route', 'investigate', 'feedback']);
    case 'closed':
      return upTo(['accept', 'screen', 'approve', 'route', 'investigate', 'feedback', 'close']);
    case 'filed':
      return run(routedAs('无实质内容留存'));
    case 'transferred':
      return run(routedAs('转办'));
    case 'rejected':
      return run(routedAs('不予受理'));
  }
}

/** Written out by hand from the issue, not derived from loop.ts. */
const OPEN_EXTRAS: StepKind[] = ['extend', 'suspend'];
const EXPECTED: Record<Stage, StepKind[]> = {
  registered: ['accept', 'supervise', ...OPEN_EXTRAS],
  accepted: ['screen', 'supervise', ...OPEN_EXTRAS],
  screened: ['approve', 'supervise', ...OPEN_EXTRAS],
  approved: ['route', 'supervise', ...OPEN_EXTRAS],
  routed: ['investigate', 'supervise', ...OPEN_EXTRAS],
  pending: ['investigate', 'supervise', ...OPEN_EXTRAS],
  investigated: ['investigate', 'supervise', 'feedback', ...OPEN_EXTRAS],
  fedBack: ['supervise', 'feedback', 'close', ...OPEN_EXTRAS],
  closed: ['reopen'],
  filed: ['reopen'],
  transferred: ['reopen'],
  rejected: ['reopen'],
};
const NEXT: Record<StepKind, Stage | 'same'> = {
  accept: 'accepted',
  screen: 'screened',
  approve: 'approved',
  route: 'routed',
  investigate: 'investigated',
  supervise: 'same',
  feedback: 'fedBack',
  close: 'closed',
  extend: 'same',
  suspend: 'same',
  resume: 'same',
  reopen: 'accepted',
};
const TERMINAL: Stage[] = ['closed', 'filed', 'transferred', 'rejected'];

describe('the transition matrix', () => {
  const matrix = STAGES.flatMap((stage) => STEP_KINDS.map((kind) => [stage, kind, EXPECTED[stage].includes(kind)] as const));
  it.each(matrix)('%s + %s → allowed: %s', (stage, kind, allowed) => {
    const state = stateAt(stage);
    expect(state.stage).toBe(stage);
    const result = applyStep(state, stepOf(kind, state, '2025-03-11'));
    expect(result.ok).toBe(allowed);
    if (result.ok) {
      const target = NEXT[kind];
      expect(result.state.stage).toBe(target === 'same' ? stage : target);
      expect(result.state.steps).toHaveLength(state.steps.length + 1);
    } else {
      expect(result.reason).toMatch(chinese);
      expect(result.reason).toContain(kind === 'resume' ? '未中止' : '不能');
    }
  });

  const suspendedMatrix = STAGES.filter((s) => !TERMINAL.includes(s)).flatMap((stage) => STEP_KINDS.map((kind) => [stage, kind, kind === 'resume'] as const));
  it.each(suspendedMatrix)('suspended in %s + %s → allowed: %s', (stage, kind, allowed) => {
    const open = stateAt(stage);
    const suspended = run([stepOf('suspend', open, '2025-03-11')], open);
    expect(suspended.suspendedSince).toBe('2025-03-11');
    expect(allowedSteps(suspended)).toEqual(['resume']);
    const result = applyStep(suspended, stepOf(kind, suspended, '2025-03-12'));
    expect(result.ok).toBe(allowed);
    if (result.ok) expect(result.state).toMatchObject({ stage, suspendedSince: null });
    else expect(result.reason).toContain('已中止办理');
  });

  it.each(STAGES)('allowedSteps(%s) lists exactly the allowed steps', (stage) => {
    expect([...allowedSteps(stateAt(stage))].sort()).toEqual([...EXPECTED[stage]].sort());
  });

  it('names the current stage and the possible steps when it refuses', () => {
    const r = applyStep(initialLoop(), stepOf('close', initialLoop()));
    expect(r).toEqual({ ok: false, reason: '本件当前为“已登记，待受理”，不能报结；可以受理、催办督办、延期、中止' });
  });
});

describe('routing', () => {
  const ENDS: Record<Routing, Stage> = {
    本级承办: 'routed',
    交办: 'routed',
    转办: 'transferred',
    报送上级: 'transferred',
    '转有关机关/告知': 'transferred',
    不予受理: 'rejected',
    重复件留存备查: 'filed',
    无实质内容留存: 'filed',
  };
  it.each(ROUTINGS)('%s leads to the right stage', (routing) => {
    expect(stageAfterRouting(routing)).toBe(ENDS[routing]);
    const state = run(routedAs(routing));
    expect(state).toMatchObject({ stage: ENDS[routing], routing, approvedRouting: routing });
    expect(allowedSteps(state)).toEqual(TERMINAL.includes(ENDS[routing]) ? ['reopen'] : ['investigate', 'supervise', 'extend', 'suspend']);
    if (TERMINAL.includes(ENDS[routing])) expect(eventDates(state).closed).toBe('2025-03-10');
  });

  it('交办 records the reply deadline and the receiving office', () => {
    expect(run(routedAs('交办'))).toMatchObject({ replyBy: '2025-04-10', recipient: '某机关' });
  });

  const prefix = (routing: Routing) => run(routedAs(routing).slice(0, 3));
  it.each([
    ['交办 without a reply deadline', '交办' as Routing, { replyBy: undefined }, '交办须载明回复期限'],
    ['a reply deadline before the 交办', '交办' as Routing, { replyBy: '2025-03-10' }, '应晚于交办日期'],
    ['a reply deadline on another routing', '本级承办' as Routing, { replyBy: '2025-04-10' }, '只有交办需要填写回复期限'],
    ['本级承办 without a department', '本级承办' as Routing, { recipient: '' }, '本级承办须填写承办部门'],
    ['转办 without an office', '转办' as Routing, { recipient: undefined }, '转办须填写接收机关'],
    ['a routing other than the approved one', '本级承办' as Routing, { routing: '转办' }, '与领导批示同意的“本级承办”不一致'],
  ])('refuses %s', (_label, routing, change, message) => {
    const step = { ...routedAs(routing)[3], ...change } as LoopStepInput;
    const r = applyStep(prefix(routing), step);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(message);
  });

  it('a repeat needs the first case number, at 甄别 and at 分流', () => {
    const accepted = stateAt('accepted');
    const screen = { by: '李干部', at: '2025-03-10', kind: 'screen', proposedRouting: '重复件留存备查', proposal: '重复件。' } as const;
    expect(applyStep(accepted, screen)).toEqual({ ok: false, reason: '拟作重复件留存备查的，请填写首件编号' });
    const screened = run([{ ...screen, repeatOf: 'XF-1' }], accepted);
    const approved = run([stepOf('approve', screened)], screened);
    expect(run([{ by: '李干部', at: '2025-03-10', kind: 'route', routing: '重复件留存备查' }], approved)).toMatchObject({ stage: 'filed', repeatOf: 'XF-1' });
  });

  it('the leader may approve a different routing, or send the screening back', () => {
    const screened = stateAt('screened');
    const changed = run([{ ...stepOf('approve', screened), routing: '交办' } as LoopStepInput], screened);
    expect(changed).toMatchObject({ stage: 'approved', proposedRouting: '本级承办', approvedRouting: '交办' });
    const back = run([{ ...stepOf('approve', screened), approved: false, instruction: { text: '情况不清，重新甄别。', approver: '王书记' } } as LoopStepInput], screened);
    expect(back).toMatchObject({ stage: 'accepted', approvedRouting: null });
    expect(allowedSteps(back)).toContain('screen');
  });
});

describe('disposition and finding', () => {
  /** By hand: which findings each disposition accepts ('none' = no finding given). */
  const OK: Record<Disposition, (Finding | 'none')[]> = {
    谈话函询: ['属实', '部分属实', '失实', '无法查实'],
    初步核实: ['属实', '部分属实', '失实', '无法查实'],
    暂存待查: ['none'],
    予以了结: ['属实', '部分属实', '失实', '无法查实'],
    移送审查调查: ['none', '属实', '部分属实'],
  };
  const combos = DISPOSITIONS.flatMap((d) => (['none', ...FINDINGS] as const).map((f) => [d, f, OK[d].includes(f)] as const));
  it.each(combos)('%s with finding %s → allowed: %s', (disposition, finding, allowed) => {
    const step = { by: '张调查', at: '2025-03-12', kind: 'investigate', disposition, instruction, ...(finding === 'none' ? {} : { finding }) } as LoopStepInput;
    const r = applyStep(stateAt('routed'), step);
    expect(r.ok).toBe(allowed);
    if (r.ok) expect(r.state).toMatchObject({ stage: disposition === '暂存待查' ? 'pending' : 'investigated', disposition, finding: finding === 'none' ? null : finding });
    else expect(r.reason).toMatch(chinese);
  });

  it('暂存待查 can be taken up again, and 谈话函询 can be followed by 初步核实', () => {
    const pending = stateAt('pending');
    const talked = run([{ by: '张调查', at: '2025-03-12', kind: 'investigate', disposition: '谈话函询', finding: '无法查实', instruction }], pending);
    const checked = run([{ by: '张调查', at: '2025-03-20', kind: 'investigate', disposition: '初步核实', finding: '部分属实', instruction }], talked);
    expect(checked).toMatchObject({ stage: 'investigated', disposition: '初步核实', finding: '部分属实' });
  });

  it('澄清正名 and 诬告陷害 only on a 失实 finding; spoken clarification comes with a written one', () => {
    const routed = stateAt('routed');
    const base = { by: '张调查', at: '2025-03-12', kind: 'investigate', disposition: '初步核实', instruction } as const;
    expect(run([{ ...base, finding: '失实', clarification: ['书面澄清', '会议澄清'], falseAccusation: true }], routed)).toMatchObject({
      finding: '失实',
      clarification: ['书面澄清', '会议澄清'],
      falseAccusation: true,
    });
    expect(applyStep(routed, { ...base, finding: '失实', clarification: ['当面澄清'] })).toEqual({ ok: false, reason: '当面澄清、会议澄清、通报澄清须同时书面澄清' });
    expect(applyStep(routed, { ...base, finding: '无法查实', clarification: ['书面澄清'] })).toEqual({ ok: false, reason: '只有失实的检举控告才能澄清正名' });
    expect(applyStep(routed, { ...base, finding: '属实', falseAccusation: true })).toEqual({ ok: false, reason: '只有经核查失实的检举控告才能按诬告陷害处理' });
  });

  it('a disposition needs the leader\'s approval (报批)', () => {
    const r = applyStep(stateAt('routed'), { by: '张调查', at: '2025-03-12', kind: 'investigate', disposition: '初步核实', finding: '属实' } as LoopStepInput);
    expect(r).toEqual({ ok: false, reason: '须有领导批示（批示内容和批示领导）' });
  });
});

describe('the full loop to 报结', () => {
  it('records who, when, the decision and the approval of every step', () => {
    const steps: LoopStepInput[] = [
      { kind: 'accept', by: '李干部', at: '2025-03-03', decision: '登记受理' },
      { kind: 'screen', by: '李干部', at: '2025-03-04', proposedRouting: '交办', proposal: '拟交办某镇纪委调查核实，限期回复。' },
      { kind: 'approve', by: '李干部', at: '2025-03-05', approved: true, instruction: { text: '同意交办，请督办。', approver: '王书记', at: '2025-03-05' } },
      { kind: 'route', by: '李干部', at: '2025-03-06', routing: '交办', recipient: '某镇纪委', replyBy: '2025-04-07' },
      { kind: 'supervise', by: '李干部', at: '2025-04-01', action: '催办', mode: '电话' },
      { kind: 'extend', by: '李干部', at: '2025-04-02', obligation: 'assignmentReply', days: 10, reason: '需调取银行流水', instruction: { text: '同意延期10日。', approver: '王书记' } },
      { kind: 'suspend', by: '李干部', at: '2025-04-03', reason: '被反映人住院', instruction: { text: '同意中止。', approver: '王书记' } },
      { kind: 'resume', by: '李干部', at: '2025-04-10' },
      { kind: 'investigate', by: '某镇纪委', at: '2025-04-15', disposition: '初步核实', finding: '失实', clarification: ['书面澄清'], instruction: { text: '同意了结并澄清。', approver: '王书记' } },
      { kind: 'feedback', by: '李干部', at: '2025-04-18', recipients: ['检举控告人', '被反映人所在单位'], objection: '检举控告人无异议' },
      { kind: 'close', by: '李干部', at: '2025-04-20', decision: '报结' },
    ];
    const replayed = replayLoop(steps);
    if (!replayed.ok) throw new Error(replayed.reason);
    const state = replayed.state;
    expect(state).toMatchObject({ stage: 'closed', routing: '交办', finding: '失实', clarification: ['书面澄清'], suspendedSince: null });
    expect(state.steps).toHaveLength(steps.length);
    expect(state.steps[2]).toMatchObject({ by: '李干部', at: '2025-03-05', instruction: { approver: '王书记', text: '同意交办，请督办。' } });
    expect(state.steps[1]).toMatchObject({ proposal: '拟交办某镇纪委调查核实，限期回复。' });
    expect(eventDates(state)).toEqual({ accepted: '2025-03-03', routed: '2025-03-06', closed: '2025-04-20' });
    expect(extensionsOf(state)).toEqual([expect.objectContaining({ obligation: 'assignmentReply', days: 10, reason: '需调取银行流水' })]);
    expect(deadlineExtensionOf(extensionsOf(state)[0]!)).toEqual({ days: 10, reason: '需调取银行流水', approver: '王书记', at: '2025-04-02' });
    expect(suspensionsOf(state)).toEqual([{ from: '2025-04-03', to: '2025-04-10', reason: '被反映人住院' }]);
    expect(allowedSteps(state)).toEqual(['reopen']);
  });

  it('an anonymous case may be fed back to no one, with a reason', () => {
    const investigated = stateAt('investigated');
    const none: LoopStepInput = { by: '李干部', at: '2025-03-12', kind: 'feedback', recipients: [] };
    expect(applyStep(investigated, none)).toEqual({ ok: false, reason: '未向任何对象反馈时，请在处理意见中说明理由（如匿名件无法反馈）' });
    expect(run([{ ...none, decision: '匿名件，无法反馈' }], investigated).stage).toBe('fedBack');
  });

  it('refuses a step dated before the previous one', () => {
    const accepted = run([{ kind: 'accept', by: '李干部', at: '2025-03-10' }]);
    const r = applyStep(accepted, { ...stepOf('screen', accepted), at: '2025-03-09' });
    expect(r).toEqual({ ok: false, reason: '甄别日期 2025-03-09 不能早于上一步（受理，2025-03-10）' });
  });

  it.each([
    ['no handler', { kind: 'accept', by: '', at: '2025-03-10' }, '请填写经办人'],
    ['a bad date', { kind: 'accept', by: '李干部', at: '2025-02-30' }, '日期不存在'],
    ['approval without the leader', { kind: 'approve', by: '李干部', at: '2025-03-10', approved: true, instruction: { text: '同意', approver: '' } }, '请填写批示领导'],
    ['extension without a reason', { kind: 'extend', by: '李干部', at: '2025-03-10', obligation: 'resultFeedback', days: 5, reason: '', instruction }, '请填写延期理由'],
    ['screening without 拟办意见', { kind: 'screen', by: '李干部', at: '2025-03-10', proposedRouting: '本级承办', proposal: '' }, '请填写拟办意见'],
    ['an unknown routing', { kind: 'route', by: '李干部', at: '2025-03-10', routing: '退回' }, '请选择分流方式'],
  ])('refuses a malformed step (%s) with a Chinese message', (_label, step, message) => {
    const r = applyStep(initialLoop(), step as LoopStepInput);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(message);
  });

  it.each(STEP_KINDS)('every missing or mistyped field of %s is refused in Chinese', (kind) => {
    const stage = (Object.keys(EXPECTED) as Stage[]).find((st) => EXPECTED[st].includes(kind)) ?? 'routed';
    const state = kind === 'resume' ? run([stepOf('suspend', stateAt('routed'))], stateAt('routed')) : stateAt(stage);
    const step = stepOf(kind, state, '2025-03-11') as Record<string, unknown>;
    expect(applyStep(state, step as LoopStepInput).ok).toBe(true);
    for (const key of Object.keys(step)) {
      const { [key]: _dropped, ...without } = step;
      for (const broken of [without, { ...step, [key]: 42 }]) {
        const r = applyStep(state, broken as LoopStepInput);
        if (!r.ok) expect([key, r.reason]).toEqual([key, expect.stringMatching(chinese)]);
      }
    }
    expect(applyStep(state, null as unknown as LoopStepInput)).toEqual({ ok: false, reason: '未知的办理步骤' });
  });

  it('replayLoop names the first refused step', () => {
    const r = replayLoop([{ kind: 'accept', by: '李干部', at: '2025-03-10' }, { kind: 'close', by: '李干部', at: '2025-03-10' }]);
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/^第 2 步：本件当前为“已受理，待甄别”，不能报结/) });
  });
});

describe('reopen, extension, suspension', () => {
  it('reopening to 甄别 clears the routing and the result', () => {
    const closed = stateAt('closed');
    const reopened = run([stepOf('reopen', closed, '2025-05-01')], closed);
    expect(reopened).toMatchObject({ stage: 'accepted', routing: null, approvedRouting: null, disposition: null, finding: null });
    expect(eventDates(reopened).closed).toBeUndefined();
    expect(reopened.steps.at(-1)).toMatchObject({ kind: 'reopen', reason: '检举控告人提供新的证据', instruction: { approver: '王书记' } });
  });

  it('reopening straight to 调查 keeps the routing, only for routings handled here', () => {
    const closed = stateAt('closed');
    const reopen = { ...stepOf('reopen', closed, '2025-05-01'), to: 'investigate' } as LoopStepInput;
    expect(run([reopen], closed)).toMatchObject({ stage: 'routed', routing: '本级承办', finding: null });
    const transferred = stateAt('transferred');
    const r = applyStep(transferred, reopen);
    expect(r).toMatchObject({ ok: false, reason: expect.stringContaining('请选择重新甄别') });
    expect(run([stepOf('reopen', transferred, '2025-05-01')], transferred).stage).toBe('accepted');
  });

  it('a reopening needs a reason and the leader\'s approval', () => {
    const closed = stateAt('closed');
    const { instruction: _dropped, ...unapproved } = stepOf('reopen', closed) as Extract<LoopStepInput, { kind: 'reopen' }>;
    expect(applyStep(closed, unapproved as LoopStepInput).ok).toBe(false);
  });

  it('extensions count from the last reopening', () => {
    const routed = stateAt('routed');
    const extended = run([stepOf('extend', routed, '2025-03-11')], routed);
    expect(extensionsOf(extended)).toHaveLength(1);
    const closed = run(['investigate', 'feedback', 'close'].map((k) => stepOf(k as StepKind, extended, '2025-03-12')), extended);
    const reopened = run([stepOf('reopen', closed, '2025-03-13')], closed);
    expect(extensionsOf(reopened)).toEqual([]);
  });

  it('suspension blocks every step but 恢复, and is recorded with its dates', () => {
    const routed = stateAt('routed');
    const suspended = run([stepOf('suspend', routed, '2025-03-11')], routed);
    expect(applyStep(suspended, stepOf('investigate', suspended, '2025-03-12'))).toEqual({
      ok: false,
      reason: '本件自 2025-03-11 起已中止办理，请先恢复办理再调查处置',
    });
    expect(suspensionsOf(suspended)).toEqual([{ from: '2025-03-11', to: null, reason: '被反映人住院治疗' }]);
    const resumed = run([stepOf('resume', suspended, '2025-03-20')], suspended);
    expect(resumed).toMatchObject({ stage: 'routed', suspendedSince: null });
    expect(applyStep(resumed, stepOf('resume', resumed, '2025-03-21'))).toEqual({ ok: false, reason: '本件未中止办理，无需恢复' });
    expect(suspensionsOf(resumed)).toEqual([{ from: '2025-03-11', to: '2025-03-20', reason: '被反映人住院治疗' }]);
  });
});
