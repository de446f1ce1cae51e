/**
 * 重点疑难件 and 化解专班: a case (or the chain of its repeats, kept on the chain's first case) flagged as difficult,
 * the task force formed for it, its meetings and field work, the real demand behind the reports, the resolution and
 * the reporter's satisfaction.
 */

import { z } from 'zod';
import { SATISFACTIONS } from './aftercare.js';
import { CalendarDate as IsoDate } from './calendar.js';

export const ACTIVITY_KINDS = ['专班会议', '实地走访', '约谈当事人', '联合会商', '其他'] as const;

const Name = z.string().trim().min(1, '成员姓名不能为空').max(30, '成员姓名不超过 30 字');
const Text = (label: string, max: number) => z.string().trim().min(2, `请填写${label}`).max(max, `${label}不超过 ${max} 字`);

export const TaskForce = z.object({
  lead: z.string().trim().min(1, '请填写专班组长').max(30),
  /** Besides the lead. */
  members: z.array(Name).min(1, '请填写专班成员').max(30, '专班成员不超过 30 人'),
  plan: Text('化解方案', 2000),
  formedOn: IsoDate,
  deadline: IsoDate,
});
export type TaskForce = z.infer<typeof TaskForce>;

export const TaskForceActivity = z.object({
  kind: z.enum(ACTIVITY_KINDS),
  date: IsoDate,
  participants: z.string().trim().max(200).default(''),
  content: Text('工作内容', 2000),
});
export type TaskForceActivity = z.infer<typeof TaskForceActivity>;

export const Resolution = z.object({
  date: IsoDate,
  content: Text('化解情况', 2000),
  satisfaction: z.enum(SATISFACTIONS),
  /** In the reporter's own words, when they gave any (their name is never written here). */
  reporterView: z.string().trim().max(500).default(''),
});
export type Resolution = z.infer<typeof Resolution>;

export const DifficultCase = z.object({
  flaggedAt: z.string(),
  flaggedBy: z.string(),
  reason: z.string(),
  taskForce: TaskForce.nullable().default(null),
  /** 真实诉求: what the reporter actually needs, found behind the reports. */
  realDemand: z.string().max(2000).default(''),
  activities: z.array(TaskForceActivity.extend({ recordedBy: z.string(), recordedAt: z.string() })).default([]),
  resolution: Resolution.nullable().default(null),
});
export type DifficultCase = z.infer<typeof DifficultCase>;

export const DIFFICULT_STATUSES = ['待组建专班', '化解中', '逾期未化解', '已化解'] as const;
export type DifficultStatus = (typeof DIFFICULT_STATUSES)[number];

export function difficultStatus(d: DifficultCase, today: string): DifficultStatus {
  if (d.resolution) return '已化解';
  if (!d.taskForce) return '待组建专班';
  return d.taskForce.deadline < today ? '逾期未化解' : '化解中';
}

/** What a case page shows: the record kept on the chain's first case. */
export const DifficultView = z.object({
  caseId: z.string(),
  caseNo: z.string(),
  /** The first case's version, for the stale-edit guard. */
  updatedAt: z.string(),
  chainCount: z.number().int(),
  record: DifficultCase.nullable(),
  status: z.enum(DIFFICULT_STATUSES).nullable(),
});
export type DifficultView = z.infer<typeof DifficultView>;

export const DifficultRow = z.object({
  caseId: z.string(),
  caseNo: z.string(),
  accused: z.string(),
  chainCount: z.number().int(),
  flaggedAt: z.string(),
  lead: z.string(),
  deadline: z.string(),
  status: z.enum(DIFFICULT_STATUSES),
  activities: z.number().int(),
  realDemand: z.string(),
  satisfaction: z.enum(SATISFACTIONS).nullable(),
});
export type DifficultRow = z.infer<typeof DifficultRow>;

/** Checks across fields that a schema cannot express; messages are for the user. */
export function checkTaskForce(t: TaskForce, receivedDate: string, today: string): string | null {
  if (t.formedOn < receivedDate) return `专班组建日期不能早于收件日期 ${receivedDate}`;
  if (t.formedOn > today) return '专班组建日期不能晚于今天';
  if (t.deadline < t.formedOn) return '化解期限不能早于专班组建日期';
  return null;
}
