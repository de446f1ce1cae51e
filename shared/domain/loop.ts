import { z } from 'zod';
import { CalendarDate } from './calendar.js';
import { OBLIGATIONS, type DeadlineEvent, type DeadlineExtension } from './deadlines.js';
import { EMPTY_LIST } from '../empty-list.js';

/**
 * 闭环办理: 受理 → 甄别 → 审批 → 分流 → 调查 → 反馈 → 报结, as a pure state machine.
 *
 * A case's loop is its list of steps; the state is what the steps add up to ({@link replayLoop}). {@link applyStep}
 * returns `{ ok: true, state }` or `{ ok: false, reason }` with a Chinese sentence for the user: a refused step is
 * an everyday answer in the UI (a clerk picks the wrong action), not a program error, so nothing is thrown.
 *
 * Two levels (research/domain-brief.md §1.5): the 信访举报部门 routes (分流方式), the 承办部门 disposes (处置方式) and
 * finds (核查结论). Routings that hand the item away or keep it on file end the loop at 分流:
 *   不予受理 → 不予受理; 重复件留存备查, 无实质内容留存 → 留存备查; 转办, 报送上级, 转有关机关/告知 → 已转出.
 * 本级承办 and 交办 go on to 调查 (for 交办, the lower office's reply is recorded as the 调查 step, under 督办).
 */

export const ROUTINGS = ['本级承办', '转办', '交办', '报送上级', '转有关机关/告知', '不予受理', '重复件留存备查', '无实质内容留存'] as const;
export const DISPOSITIONS = ['谈话函询', '初步核实', '暂存待查', '予以了结', '移送审查调查'] as const;
export const FINDINGS = ['属实', '部分属实', '失实', '无法查实'] as const;
/** 《关于做好失实检举控告澄清工作的意见》: 当面、会议、通报澄清 always come with 书面澄清. */
export const CLARIFICATION_MODES = ['书面澄清', '当面澄清', '会议澄清', '通报澄清'] as const;
export const REMINDER_ACTIONS = ['催办', '督办'] as const;
export const SUPERVISION_MODES = ['电话', '现场', '发函'] as const;
export const FEEDBACK_RECIPIENTS = ['检举控告人', '上级机关', '党委政府', '被反映人所在单位'] as const;

export type Routing = (typeof ROUTINGS)[number];
export type Disposition = (typeof DISPOSITIONS)[number];
export type Finding = (typeof FINDINGS)[number];
export type ClarificationMode = (typeof CLARIFICATION_MODES)[number];
export type SupervisionMode = (typeof SUPERVISION_MODES)[number];

export const STAGES = ['registered', 'accepted', 'screened', 'approved', 'routed', 'pending', 'investigated', 'fedBack', 'closed', 'filed', 'transferred', 'rejected'] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABELS: Record<Stage, string> = {
  registered: '已登记，待受理',
  accepted: '已受理，待甄别',
  screened: '已甄别，待审批',
  approved: '已审批，待分流',
  routed: '已分流，待处置',
  pending: '暂存待查',
  investigated: '已核查，待反馈',
  fedBack: '已反馈，待报结',
  closed: '已报结',
  filed: '留存备查',
  transferred: '已转出',
  rejected: '不予受理',
};
export const TERMINAL_STAGES: readonly Stage[] = ['closed', 'filed', 'transferred', 'rejected'];
export const OPEN_STAGES: readonly Stage[] = STAGES.filter((s) => !TERMINAL_STAGES.includes(s));

export const STEP_KINDS = ['accept', 'screen', 'approve', 'route', 'investigate', 'supervise', 'feedback', 'close', 'extend', 'suspend', 'resume', 'reopen'] as const;
export type StepKind = (typeof STEP_KINDS)[number];
export const STEP_LABELS: Record<StepKind, string> = {
  accept: '受理',
  screen: '甄别',
  approve: '审批',
  route: '分流',
  investigate: '调查处置',
  supervise: '催办督办',
  feedback: '反馈',
  close: '报结',
  extend: '延期',
  suspend: '中止',
  resume: '恢复',
  reopen: '重新办理',
};

/** Where each step may be taken (when the case is not suspended); suspended cases only resume. */
const ALLOWED_FROM: Record<StepKind, readonly Stage[]> = {
  accept: ['registered'],
  screen: ['accepted'],
  approve: ['screened'],
  route: ['approved'],
  investigate: ['routed', 'pending', 'investigated'],
  // Any open case can be chased: an item overdue for 受理 is supervised as much as one overdue for 办结.
  supervise: OPEN_STAGES,
  feedback: ['investigated', 'fedBack'],
  close: ['fedBack'],
  extend: OPEN_STAGES,
  suspend: OPEN_STAGES,
  resume: [],
  reopen: TERMINAL_STAGES,
};

// ---------------------------------------------------------------------------------------------------------------
// Steps

const Person = (label: string) => z.string(`请填写${label}`).trim().min(1, `请填写${label}`).max(40, `${label}不能超过 40 个字`);
const Text = (label: string, max = 2000) => z.string(`请填写${label}`).trim().max(max, `${label}不能超过 ${max} 个字`);
const Required = (label: string, max = 2000) => Text(label, max).min(1, `请填写${label}`);

/** 领导批示 with the leader who gave it. */
export const Instruction = z.object(
  {
    text: Required('领导批示'),
    approver: Person('批示领导'),
    at: CalendarDate.optional(),
  },
  '须有领导批示（批示内容和批示领导）',
);
export type Instruction = z.infer<typeof Instruction>;

const StepBase = z.object({
  /** 经办人 */
  by: Person('经办人'),
  at: CalendarDate,
  decision: Text('处理意见').default(''),
  /** 拟办意见 */
  proposal: Text('拟办意见').optional(),
  instruction: Instruction.optional(),
});

export const LoopStep = z.discriminatedUnion('kind', [
  StepBase.extend({ kind: z.literal('accept') }),
  StepBase.extend({
    kind: z.literal('screen'),
    proposedRouting: z.enum(ROUTINGS, '请选择拟分流方式'),
    proposal: Required('拟办意见'),
    /** 首件编号 when the screening found a repeat. */
    repeatOf: Text('首件编号', 60).optional(),
  }),
  StepBase.extend({
    kind: z.literal('approve'),
    approved: z.boolean('请选择是否同意'),
    /** The routing the leader approved; without it, the one proposed at 甄别. */
    routing: z.enum(ROUTINGS, '请选择分流方式').optional(),
    instruction: Instruction,
  }),
  StepBase.extend({
    kind: z.literal('route'),
    routing: z.enum(ROUTINGS, '请选择分流方式'),
    /** 承办部门 (本级承办) or the receiving office (转办, 交办, 报送上级, 转有关机关/告知). */
    recipient: Text('承办部门或接收机关', 60).optional(),
    /** 交办: the reply deadline written in the 交办函. */
    replyBy: CalendarDate.optional(),
    repeatOf: Text('首件编号', 60).optional(),
  }),
  StepBase.extend({
    kind: z.literal('investigate'),
    disposition: z.enum(DISPOSITIONS, '请选择处置方式'),
    finding: z.enum(FINDINGS, `核查结论应为${FINDINGS.join('、')}之一`).optional(),
    clarification: z.array(z.enum(CLARIFICATION_MODES, `澄清方式应为${CLARIFICATION_MODES.join('、')}之一`), '请选择澄清方式').max(CLARIFICATION_MODES.length).optional(),
    /** 诬告陷害: the finding is 失实 and the report looks deliberately false; hand it on for 查处. */
    falseAccusation: z.boolean('请选择是否按诬告陷害处理').optional(),
    instruction: Instruction,
  }),
  StepBase.extend({
    kind: z.literal('supervise'),
    action: z.enum(REMINDER_ACTIONS, '请选择催办或督办'),
    mode: z.enum(SUPERVISION_MODES, `请选择督办方式（${SUPERVISION_MODES.join('、')}）`),
  }),
  StepBase.extend({
    kind: z.literal('feedback'),
    recipients: z.array(z.enum(FEEDBACK_RECIPIENTS, `反馈对象应为${FEEDBACK_RECIPIENTS.join('、')}之一`), '请选择反馈对象').max(FEEDBACK_RECIPIENTS.length),
    /** The reporter's objections, recorded and answered (规则: 异议记录). */
    objection: Text('异议').optional(),
  }),
  StepBase.extend({ kind: z.literal('close') }),
  StepBase.extend({
    kind: z.literal('extend'),
    obligation: z.enum(OBLIGATIONS, '请选择延期的期限'),
    /** Counted in the unit of the obligation's rule. */
    days: z.number('请填写延期天数').int('延期天数应为整数').min(1, '延期天数至少为 1').max(365, '延期天数不能超过 365'),
    reason: Required('延期理由'),
    instruction: Instruction,
  }),
  StepBase.extend({ kind: z.literal('suspend'), reason: Required('中止理由'), instruction: Instruction }),
  StepBase.extend({ kind: z.literal('resume'), reason: Text('恢复理由').optional() }),
  StepBase.extend({
    kind: z.literal('reopen'),
    /** Back to 甄别 (the whole routing again) or straight back to 调查 (same routing, new facts). */
    to: z.enum(['screen', 'investigate'], '请选择重新甄别或重新调查'),
    reason: Required('重新办理理由'),
    instruction: Instruction,
  }),
], '未知的办理步骤');
export type LoopStep = z.infer<typeof LoopStep>;
export type LoopStepInput = z.input<typeof LoopStep>;
export type StepOf<K extends StepKind> = Extract<LoopStep, { kind: K }>;

// ---------------------------------------------------------------------------------------------------------------
// State

export interface LoopState {
  stage: Stage;
  /** Date of the 中止 step while the case is suspended. */
  suspendedSince: string | null;
  proposedRouting: Routing | null;
  approvedRouting: Routing | null;
  routing: Routing | null;
  recipient: string | null;
  replyBy: string | null;
  repeatOf: string | null;
  disposition: Disposition | null;
  finding: Finding | null;
  clarification: readonly ClarificationMode[];
  falseAccusation: boolean;
  /** Every accepted step, oldest first. */
  steps: LoopStep[];
}

export type LoopResult = { ok: true; state: LoopState } | { ok: false; reason: string };

export function initialLoop(): LoopState {
  return {
    stage: 'registered',
    suspendedSince: null,
    proposedRouting: null,
    approvedRouting: null,
    routing: null,
    recipient: null,
    replyBy: null,
    repeatOf: null,
    disposition: null,
    finding: null,
    clarification: EMPTY_LIST,
    falseAccusation: false,
    steps: [],
  };
}

export function isTerminal(stage: Stage): boolean {
  return TERMINAL_STAGES.includes(stage);
}

export function allowedSteps(state: LoopState): StepKind[] {
  if (state.suspendedSince !== null) return ['resume'];
  return STEP_KINDS.filter((kind) => ALLOWED_FROM[kind].includes(state.stage));
}

/** Where a routing leads: the terminal stage for routings that end the loop, 'routed' for those that go on to 调查. */
export function stageAfterRouting(routing: Routing): Stage {
  switch (routing) {
    case '本级承办':
    case '交办':
      return 'routed';
    case '转办':
    case '报送上级':
    case '转有关机关/告知':
      return 'transferred';
    case '不予受理':
      return 'rejected';
    case '重复件留存备查':
    case '无实质内容留存':
      return 'filed';
    default:
      return assertNever(routing);
  }
}

/** Whether the routing names a 承办部门 or receiving office. */
function routingNeedsRecipient(routing: Routing): '承办部门' | '接收机关' | null {
  switch (routing) {
    case '本级承办':
      return '承办部门';
    case '转办':
    case '交办':
    case '报送上级':
    case '转有关机关/告知':
      return '接收机关';
    case '不予受理':
    case '重复件留存备查':
    case '无实质内容留存':
      return null;
    default:
      return assertNever(routing);
  }
}

/** Which findings a disposition requires or allows; `required: false, allowed: []` means it makes no finding. */
export function findingsFor(disposition: Disposition): { required: boolean; allowed: readonly Finding[] } {
  switch (disposition) {
    case '谈话函询':
    case '初步核实':
    case '予以了结':
      return { required: true, allowed: FINDINGS };
    case '暂存待查':
      return { required: false, allowed: [] };
    case '移送审查调查':
      return { required: false, allowed: ['属实', '部分属实'] };
    default:
      return assertNever(disposition);
  }
}

/** Validates and applies one step. Never throws for a bad step; see the module comment. */
export function applyStep(state: LoopState, input: LoopStepInput): LoopResult {
  const parsed = LoopStep.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // Every field has a Chinese message; this only guards against a zod default slipping through.
    return refuse(issue && /[\u4e00-\u9fa5]/.test(issue.message) ? issue.message : `办理记录有误（${issue?.path.join('.') || '整体'}）`);
  }
  return applyParsedStep(state, parsed.data);
}

/** A step already validated (as stored steps are): the transition rules without parsing again. */
export function applyParsedStep(state: LoopState, step: LoopStep): LoopResult {

  if (state.suspendedSince !== null && step.kind !== 'resume') {
    return refuse(`本件自 ${state.suspendedSince} 起已中止办理，请先恢复办理再${STEP_LABELS[step.kind]}`);
  }
  if (step.kind === 'resume' && state.suspendedSince === null) return refuse('本件未中止办理，无需恢复');
  if (step.kind !== 'resume' && !ALLOWED_FROM[step.kind].includes(state.stage)) {
    const allowed = allowedSteps(state).map((k) => STEP_LABELS[k]);
    return refuse(`本件当前为“${STAGE_LABELS[state.stage]}”，不能${STEP_LABELS[step.kind]}${allowed.length ? `；可以${allowed.join('、')}` : ''}`);
  }
  const last = state.steps[state.steps.length - 1];
  if (last && step.at < last.at) return refuse(`${STEP_LABELS[step.kind]}日期 ${step.at} 不能早于上一步（${STEP_LABELS[last.kind]}，${last.at}）`);

  const next: LoopState = { ...state, steps: [...state.steps, step] };
  switch (step.kind) {
    case 'accept':
      return done({ ...next, stage: 'accepted' });

    case 'screen':
      if (step.proposedRouting === '重复件留存备查' && !step.repeatOf) return refuse('拟作重复件留存备查的，请填写首件编号');
      return done({ ...next, stage: 'screened', proposedRouting: step.proposedRouting, repeatOf: step.repeatOf || null });

    case 'approve': {
      if (!step.approved) return done({ ...next, stage: 'accepted', approvedRouting: null });
      const routing = step.routing ?? state.proposedRouting;
      if (!routing) return refuse('请写明批准的分流方式');
      return done({ ...next, stage: 'approved', approvedRouting: routing });
    }

    case 'route': {
      if (step.routing !== state.approvedRouting) {
        return refuse(`分流方式“${step.routing}”与领导批示同意的“${state.approvedRouting ?? '（无）'}”不一致，请重新报批`);
      }
      const recipient = routingNeedsRecipient(step.routing);
      if (recipient && !step.recipient) return refuse(`${step.routing}须填写${recipient}`);
      if (step.routing === '交办') {
        if (!step.replyBy) return refuse('交办须载明回复期限（交办函中的“于×年×月×日前报告”）');
        if (step.replyBy <= step.at) return refuse(`回复期限 ${step.replyBy} 应晚于交办日期 ${step.at}`);
      } else if (step.replyBy) {
        return refuse('只有交办需要填写回复期限');
      }
      const repeatOf = step.repeatOf || state.repeatOf;
      if (step.routing === '重复件留存备查' && !repeatOf) return refuse('重复件留存备查须关联首件编号');
      return done({
        ...next,
        stage: stageAfterRouting(step.routing),
        routing: step.routing,
        recipient: step.recipient || null,
        replyBy: step.replyBy ?? null,
        repeatOf: repeatOf ?? null,
      });
    }

    case 'investigate': {
      const rule = findingsFor(step.disposition);
      if (rule.required && !step.finding) return refuse(`${step.disposition}须作出核查结论（${FINDINGS.join('、')}）`);
      if (step.finding && !rule.allowed.includes(step.finding)) {
        return refuse(rule.allowed.length ? `${step.disposition}的核查结论只能是${rule.allowed.join('或')}` : `${step.disposition}不作核查结论`);
      }
      const clarification = step.clarification ?? [];
      if (clarification.length && step.finding !== '失实') return refuse('只有失实的检举控告才能澄清正名');
      if (clarification.length && !clarification.includes('书面澄清')) return refuse('当面澄清、会议澄清、通报澄清须同时书面澄清');
      if (step.falseAccusation && step.finding !== '失实') return refuse('只有经核查失实的检举控告才能按诬告陷害处理');
      return done({
        ...next,
        stage: step.disposition === '暂存待查' ? 'pending' : 'investigated',
        disposition: step.disposition,
        finding: step.finding ?? null,
        clarification,
        falseAccusation: step.falseAccusation ?? false,
      });
    }

    case 'supervise':
      return done(next);

    case 'feedback':
      if (!step.recipients.length && !step.decision) return refuse('未向任何对象反馈时，请在处理意见中说明理由（如匿名件无法反馈）');
      return done({ ...next, stage: 'fedBack' });

    case 'close':
      return done({ ...next, stage: 'closed' });

    case 'extend':
      return done(next);

    case 'suspend':
      return done({ ...next, suspendedSince: step.at });

    case 'resume':
      return done({ ...next, suspendedSince: null });

    case 'reopen': {
      const cleared = { disposition: null, finding: null, clarification: EMPTY_LIST, falseAccusation: false };
      if (step.to === 'screen') {
        return done({ ...next, ...cleared, stage: 'accepted', proposedRouting: null, approvedRouting: null, routing: null, recipient: null, replyBy: null });
      }
      if (!state.routing || stageAfterRouting(state.routing) !== 'routed') {
        return refuse(`本件分流方式为“${state.routing ?? '（无）'}”，没有本级调查，不能直接重新调查；请选择重新甄别`);
      }
      return done({ ...next, ...cleared, stage: 'routed' });
    }

    default:
      return assertNever(step);
  }
}

/** The state stored (already validated) steps add up to; much cheaper than replayLoop for tens of thousands of cases. */
export function replayStored(steps: readonly LoopStep[]): LoopResult {
  return replay(steps, applyParsedStep);
}

/** The state a list of steps adds up to; the first refused step makes the whole list refused. */
export function replayLoop(steps: readonly LoopStepInput[]): LoopResult {
  return replay(steps, applyStep);
}

function replay<S>(steps: readonly S[], apply: (state: LoopState, step: S) => LoopResult): LoopResult {
  let state = initialLoop();
  for (const [i, step] of steps.entries()) {
    const result = apply(state, step);
    if (!result.ok) return { ok: false, reason: `第 ${i + 1} 步：${result.reason}` };
    state = result.state;
  }
  return { ok: true, state };
}

/**
 * Dates the deadline rules count from, as far as the loop knows them (the received date is the case's own field;
 * a 监察建议 or 函询 date comes from its document). After a reopening, the latest occurrence counts; 'closed' is
 * set only while the case is in a terminal stage.
 */
export function eventDates(state: LoopState): Partial<Record<DeadlineEvent, string>> {
  const dates: Partial<Record<DeadlineEvent, string>> = {};
  for (const step of state.steps) {
    if (step.kind === 'accept') dates.accepted = step.at;
    if (step.kind === 'route') dates.routed = step.at;
  }
  const last = state.steps[state.steps.length - 1];
  if (isTerminal(state.stage) && last) dates.closed = last.at;
  return dates;
}

/** The 延期 steps taken since the case was last reopened (a reopening starts its deadlines afresh). */
export function extensionsOf(state: LoopState): StepOf<'extend'>[] {
  const out: StepOf<'extend'>[] = [];
  for (const step of state.steps) {
    if (step.kind === 'reopen') out.length = 0;
    if (step.kind === 'extend') out.push(step);
  }
  return out;
}

/** A 延期 step as the deadline it extends records it (see extendDeadline in deadlines.ts). */
export function deadlineExtensionOf(step: StepOf<'extend'>): DeadlineExtension {
  return { days: step.days, reason: step.reason, approver: step.instruction.approver, at: step.at };
}

/** Suspension periods, each from the 中止 date to the 恢复 date (null while still suspended). */
export function suspensionsOf(state: LoopState): { from: string; to: string | null; reason: string }[] {
  const out: { from: string; to: string | null; reason: string }[] = [];
  for (const step of state.steps) {
    if (step.kind === 'suspend') out.push({ from: step.at, to: null, reason: step.reason });
    if (step.kind === 'resume') {
      const open = out[out.length - 1];
      if (open) open.to = step.at;
    }
  }
  return out;
}

function refuse(reason: string): LoopResult {
  return { ok: false, reason };
}

function done(state: LoopState): LoopResult {
  return { ok: true, state };
}

export function assertNever(value: never): never {
  throw new Error(`未处理的取值：${JSON.stringify(value)}`);
}
