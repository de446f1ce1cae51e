import { z } from 'zod';
import { CalendarDate, type WorkCalendar } from './calendar.js';
import type {
  Deadline} from './deadlines.js';
import {
  extendDeadline,
  fulfil,
  obligationsFor,
  OBLIGATIONS,
  openDeadline,
  resumeDeadline,
  ruleFor,
  suspendDeadline,
  type DeadlineEvent,
  type DeadlineSettings,
  type Obligation,
} from './deadlines.js';
import { deadlineExtensionOf, eventDates, extensionsOf, suspensionsOf, type LoopState } from './loop.js';

/** An obligation met outside the loop's steps: 受理告知 sent, 交办 reply received, 建议 reply received … */
export const Fulfilment = z.object({
  obligation: z.enum(OBLIGATIONS),
  date: CalendarDate,
  note: z.string().trim().max(500).default(''),
  by: z.string(),
});
export type Fulfilment = z.infer<typeof Fulfilment>;

/** Fulfilled with a verdict: such a deadline is stored and never recomputed (the bulletins rely on it). */
export function isFrozen(d: Deadline): boolean {
  return d.fulfilledAt !== undefined && d.metOnTime != null;
}

export interface CaseDeadlineFacts {
  receivedDate: string;
  realName: boolean;
  assignedByUpper: boolean;
  /** Linked as a repeat of an earlier case (重复件 owe no acceptance notice). */
  isRepeat?: boolean;
}

/** The 反馈 recipient whose feedback meets an obligation: the reporter for 结果反馈, the upper office for its 交办. */
const FED_BACK_TO: Partial<Record<Obligation, '检举控告人' | '上级机关'>> = { resultFeedback: '检举控告人', upperAssignmentReply: '上级机关' };

/** When the loop itself meets an obligation: 分流 meets 受理/转办; a 反馈 to the right recipient meets the rest. */
function fulfilledOn(obligation: Obligation, state: LoopState, fulfilments: readonly Fulfilment[]): string | undefined {
  if (obligation === 'acceptOrRoute') return state.steps.find((s) => s.kind === 'route')?.at;
  const recipient = FED_BACK_TO[obligation];
  if (recipient) {
    const fed = state.steps.filter((s) => s.kind === 'feedback' && s.recipients.includes(recipient)).at(-1);
    if (fed) return fed.at;
  }
  return fulfilments.filter((f) => f.obligation === obligation).at(-1)?.date;
}

/**
 * The deadlines a case owes now, derived from its facts, its loop and the office's rules and calendar. A deadline
 * that was fulfilled keeps its frozen verdict (previous), so later rule or calendar edits never rewrite history.
 */
export function deriveDeadlines(
  facts: CaseDeadlineFacts,
  state: LoopState,
  fulfilments: readonly Fulfilment[],
  previous: readonly Deadline[],
  settings: DeadlineSettings,
  calendar: WorkCalendar,
): Deadline[] {
  const events: Partial<Record<DeadlineEvent, string>> = { received: facts.receivedDate, ...eventDates(state) };
  const owed = obligationsFor({ realName: facts.realName, isRepeat: Boolean(facts.isRepeat) || state.repeatOf !== null, routing: state.routing, assignedByUpper: facts.assignedByUpper });
  return owed.flatMap(({ obligation }) => {
    const rule = ruleFor(obligation, settings.rules);
    const start = events[rule.startsFrom];
    if (!start) return [];
    const frozen = previous.find((d) => d.obligation === obligation && d.startDate === start && isFrozen(d));
    if (frozen) return [frozen];
    let deadline = openDeadline(rule, start, calendar, { fixedDue: obligation === 'assignmentReply' ? (state.replyBy ?? undefined) : undefined });
    for (const step of extensionsOf(state).filter((e) => e.obligation === obligation)) deadline = extendDeadline(deadline, deadlineExtensionOf(step), rule, calendar);
    for (const s of suspensionsOf(state).filter((s) => s.from >= start)) {
      deadline = suspendDeadline(deadline, s.from, rule, calendar);
      if (s.to) deadline = resumeDeadline(deadline, s.to, rule, calendar);
    }
    const done = fulfilledOn(obligation, state, fulfilments);
    // A feedback given before the case was formally closed meets the feedback owed from closing on that day.
    return [done ? fulfil(deadline, done < start ? start : done) : deadline];
  });
}
