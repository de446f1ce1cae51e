import { z } from 'zod';
import { CalendarDate } from './calendar.js';

/**
 * 下访走访, kept in two store collections of their own (store/fieldVisits-NNNN.json, store/householdVisits-NNNN.json):
 *
 * - 带信下访 ({@link FieldVisit}): leaders take chosen cases to a place. Planned first (date, place, leaders,
 *   participants, the 访前五问 checklist from the settings), then recorded as done with what was found and decided
 *   for each case and the problems solved there. Recording also writes an entry in each case's history.
 * - 入户走访 ({@link HouseholdVisit}): one row per visit to a village or community (place, date, people met,
 *   households, leads collected, problems solved), entered in batches; a batch is saved in one write.
 *
 * For statistics: 下访次数 = FieldVisit with status 'done' (by `visitedOn`), cases taken = `cases.length`, problems
 * solved = `problemsSolved`; 走访户数 = sum of HouseholdVisit.households, 线索 = sum of `leads`, 解决问题 = sum of
 * `problemsSolved`, by `date` and `place`.
 */

const Person = z.string().trim().min(1, '姓名不能为空').max(20, '姓名不能超过 20 个字');
const Place = z.string('请填写地点').trim().min(1, '请填写地点').max(60, '地点不能超过 60 个字');
const Text = (label: string, max = 1000) => z.string().trim().max(max, `${label}不能超过 ${max} 个字`).default('');

/**
 * 访前五问: questions the visiting team answers before going. No public definition was found (the term is local),
 * so the list is the office's setting; these defaults follow what 带信下访 practice asks the team to know.
 */
export const DEFAULT_PRE_VISIT_QUESTIONS = [
  '反映的主要问题和诉求是否已摸清？',
  '此前办理经过和结论是否已掌握？',
  '涉及的政策依据是否已查明？',
  '当地党委政府和相关部门的意见是否已沟通？',
  '化解方案和可能的风险是否已研判？',
];

export const VisitSettings = z.object({
  preVisitQuestions: z
    .array(z.string().trim().min(2, '每个问题至少 2 个字').max(100, '每个问题不能超过 100 个字'))
    .min(1, '访前问题至少一个')
    .max(20, '访前问题不能超过 20 个'),
});
export type VisitSettings = z.infer<typeof VisitSettings>;
export const DEFAULT_VISIT_SETTINGS: VisitSettings = { preVisitQuestions: DEFAULT_PRE_VISIT_QUESTIONS };

export const PreVisitAnswer = z.object({
  question: z.string().max(100),
  done: z.boolean(),
  note: Text('说明', 300),
});
export type PreVisitAnswer = z.infer<typeof PreVisitAnswer>;

export const FIELD_VISIT_STATUSES = ['planned', 'done'] as const;
export const FIELD_VISIT_STATUS_LABELS: Record<(typeof FIELD_VISIT_STATUSES)[number], string> = { planned: '计划', done: '已下访' };

/** One case taken along, with what was found and decided there (empty while planned). */
export const FieldVisitCase = z.object({
  caseId: z.string(),
  caseNo: z.string(),
  finding: Text('了解的情况'),
  decision: Text('处理意见'),
  solved: z.boolean().default(false),
});
export type FieldVisitCase = z.infer<typeof FieldVisitCase>;

export const FieldVisitPlan = z.object({
  date: CalendarDate,
  place: Place,
  leaders: z.array(Person).min(1, '请填写带队领导').max(10, '带队领导不能超过 10 人'),
  participants: z.array(Person).max(30, '参加人员不能超过 30 人').default([]),
  caseIds: z.array(z.string().min(1).max(64)).min(1, '请选择带下去的信访件').max(50, '一次下访不能超过 50 件'),
  checklist: z.array(PreVisitAnswer).max(20).default([]),
});
export type FieldVisitPlan = z.infer<typeof FieldVisitPlan>;

export const FieldVisitResult = z.object({
  visitedOn: CalendarDate,
  summary: Text('下访情况', 2000).refine((s) => s.length > 0, '请填写下访情况'),
  problemsSolved: z.number('请填写解决问题数').int('解决问题数应为整数').min(0, '解决问题数不能为负').max(999),
  checklist: z.array(PreVisitAnswer).max(20),
  cases: z.array(FieldVisitCase.pick({ caseId: true, finding: true, decision: true, solved: true })).max(50),
});
export type FieldVisitResult = z.infer<typeof FieldVisitResult>;

export const FieldVisit = FieldVisitPlan.omit({ caseIds: true }).extend({
  id: z.string(),
  status: z.enum(FIELD_VISIT_STATUSES),
  cases: z.array(FieldVisitCase),
  visitedOn: CalendarDate.nullable().default(null),
  summary: z.string().default(''),
  problemsSolved: z.number().int().min(0).default(0),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
});
export type FieldVisit = z.infer<typeof FieldVisit>;

export const FieldVisitQuery = z.object({
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
  place: z.string().trim().max(60).default(''),
  status: z.enum(FIELD_VISIT_STATUSES).optional(),
});
export type FieldVisitQuery = z.infer<typeof FieldVisitQuery>;

/** Everything a recorded visit lacks, as Chinese sentences. */
export function fieldVisitProblems(visit: Pick<FieldVisit, 'date' | 'status'>, result: FieldVisitResult, today: string): string[] {
  const problems: string[] = [];
  if (visit.status === 'done') problems.push('该次下访已记录，不能重复记录');
  if (result.visitedOn > today) problems.push('下访日期不能晚于今天');
  const open = result.checklist.filter((a) => !a.done).map((a) => `“${a.question}”`);
  if (open.length) problems.push(`访前问题尚未落实：${open.join('、')}`);
  const undecided = result.cases.filter((c) => !c.finding || !c.decision).length;
  if (undecided) problems.push(`有 ${undecided} 件未填写了解的情况或处理意见`);
  return problems;
}

/** 入户走访: one row of the batch entry. */
export const HouseholdVisitRow = z.object({
  date: CalendarDate,
  place: Place,
  /** 走访人员 */
  visitors: z.string('请填写走访人员').trim().min(1, '请填写走访人员').max(60, '走访人员不能超过 60 个字'),
  /** 走访对象, e.g. 村民代表、五保户 (not the reporters of registered cases: those stay in their sealed part). */
  peopleMet: z.string('请填写走访对象').trim().min(1, '请填写走访对象').max(100, '走访对象不能超过 100 个字'),
  households: z.number('请填写走访户数').int('走访户数应为整数').min(1, '走访户数至少为 1').max(9999, '走访户数不能超过 9999'),
  leads: z.number('请填写收集线索数').int('线索数应为整数').min(0, '线索数不能为负').max(999, '线索数不能超过 999'),
  leadsNote: Text('线索情况', 500),
  problemsSolved: z.number('请填写解决问题数').int('解决问题数应为整数').min(0, '解决问题数不能为负').max(999, '解决问题数不能超过 999'),
  solvedNote: Text('解决问题情况', 500),
});
export type HouseholdVisitRow = z.infer<typeof HouseholdVisitRow>;

export const HouseholdVisit = HouseholdVisitRow.extend({
  id: z.string(),
  /** Rows saved together share a batch. */
  batchId: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type HouseholdVisit = z.infer<typeof HouseholdVisit>;

export const HOUSEHOLD_BATCH_MAX = 200;
export const HouseholdBatch = z.object({ rows: z.array(z.unknown()).min(1, '请至少填写一行').max(HOUSEHOLD_BATCH_MAX, `一次最多录入 ${HOUSEHOLD_BATCH_MAX} 行`) });

export const HouseholdVisitQuery = z.object({
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
  place: z.string().trim().max(60).default(''),
});
export type HouseholdVisitQuery = z.infer<typeof HouseholdVisitQuery>;

/** A problem with one row: `row` counts from 1, as the user sees it. */
export interface RowIssue {
  row: number;
  field: string;
  message: string;
}

const ROW_LABELS: Record<string, string> = {
  date: '走访日期',
  place: '走访地点',
  visitors: '走访人员',
  peopleMet: '走访对象',
  households: '走访户数',
  leads: '收集线索',
  leadsNote: '线索情况',
  problemsSolved: '解决问题',
  solvedNote: '解决情况',
};

/**
 * Checks every row of a batch (the form and the backend use it alike) and returns the valid rows or every problem,
 * each naming its row: 第 3 行“走访户数”：走访户数至少为 1.
 */
export function checkHouseholdRows(rows: readonly unknown[], today: string): { ok: true; rows: HouseholdVisitRow[] } | { ok: false; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const valid: HouseholdVisitRow[] = [];
  rows.forEach((raw, i) => {
    const parsed = HouseholdVisitRow.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        issues.push({ row: i + 1, field, message: /[\u4e00-\u9fa5]/.test(issue.message) ? issue.message : `${ROW_LABELS[field] ?? '本行'}填写有误` });
      }
      return;
    }
    const row = parsed.data;
    if (row.date > today) issues.push({ row: i + 1, field: 'date', message: '走访日期不能晚于今天' });
    if (row.leads > 0 && !row.leadsNote) issues.push({ row: i + 1, field: 'leadsNote', message: '收集到线索的，请简要填写线索情况' });
    if (row.problemsSolved > 0 && !row.solvedNote) issues.push({ row: i + 1, field: 'solvedNote', message: '解决了问题的，请简要填写解决情况' });
    valid.push(row);
  });
  return issues.length ? { ok: false, issues } : { ok: true, rows: valid };
}

export function describeRowIssues(issues: readonly RowIssue[], limit = 5): string {
  const text = issues.slice(0, limit).map((i) => `第 ${i.row} 行“${ROW_LABELS[i.field] ?? i.field}”：${i.message}`).join('；');
  return issues.length > limit ? `${text}；另有 ${issues.length - limit} 处问题` : text;
}

export function inRange(date: string, from?: string, to?: string): boolean {
  return (!from || date >= from) && (!to || date <= to);
}

export const HouseholdVisitList = z.object({
  rows: z.array(HouseholdVisit),
  totals: z.object({ visits: z.number().int(), households: z.number().int(), leads: z.number().int(), problemsSolved: z.number().int() }),
});
export type HouseholdVisitList = z.infer<typeof HouseholdVisitList>;
