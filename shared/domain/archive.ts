import { z } from 'zod';
import { CalendarDate } from './calendar.js';
import type { Stage } from './loop.js';

/**
 * 存档 (立卷归档 of the 信访类 file, research/domain-brief.md §3.8): a case concluded by 报结 is closed into the
 * archive with the "七有" completeness checklist, a 卷号 numbered per year and a retention period. Stored on the case
 * as CaseRecord.archive (null when not archived); an archived case's status is 已存档 and it is read-only: every
 * mutating case method is refused in the backend. Un-archiving is an administrator's act with a reason, audited,
 * and written to the case history; the 卷号 is never given out again.
 *
 * For statistics: archived cases are those with `archive !== null`; count them by `archive.year`.
 */

/** "七有": the 信访档案 must have each of these (source of the standard: UNCONFIRMED, see the brief §2). */
export const ARCHIVE_CHECKLIST = ['目录', '原件', '受理登记', '处理情况', '答复情况', '是否息访', '未结措施'] as const;
export type ArchiveChecklistItem = (typeof ARCHIVE_CHECKLIST)[number];
export const ARCHIVE_CHECKLIST_HINTS: Record<ArchiveChecklistItem, string> = {
  目录: '卷内文件目录',
  原件: '来信原件或来访、来电记录',
  受理登记: '受理登记表（登记台账信息）',
  处理情况: '甄别、审批、调查处置材料',
  答复情况: '受理告知、结果反馈、回访记录',
  是否息访: '是否息诉息访的结论（协议书或说明）',
  未结措施: '未结事项的后续措施（无则注明“无”）',
};

/**
 * 保管期限. The brief has only indicative figures (审查调查、审理类 永久; a 纪委's 来信来访: important 30 年,
 * ordinary 10 年); county 信访 retention is UNCONFIRMED, so these are choices, not a rule.
 */
export const RETENTIONS = ['永久', '30年', '10年'] as const;
export type Retention = (typeof RETENTIONS)[number];

export const ArchiveInput = z.object({
  /** 归档日期: the 卷号's year is this date's year. */
  date: CalendarDate,
  retention: z.enum(RETENTIONS, `请选择保管期限（${RETENTIONS.join('、')}）`),
  /** The 七有 items checked present. */
  checklist: z.array(z.enum(ARCHIVE_CHECKLIST)).max(ARCHIVE_CHECKLIST.length),
  /** 页数 */
  pages: z.number('页数应为数字').int('页数应为整数').min(1, '页数至少为 1').max(9999, '页数不能超过 9999'),
  /** 立卷人 */
  by: z.string('请填写立卷人').trim().min(1, '请填写立卷人').max(40, '立卷人不能超过 40 个字'),
  note: z.string().trim().max(500, '备注不能超过 500 个字').default(''),
});
export type ArchiveInput = z.infer<typeof ArchiveInput>;

export const CaseArchive = ArchiveInput.extend({
  /** e.g. 2026-0007: year and the year's running number, padded. */
  volumeNo: z.string(),
  year: z.number().int(),
  serial: z.number().int().min(1),
  recordedAt: z.string(),
  recordedBy: z.string(),
});
export type CaseArchive = z.infer<typeof CaseArchive>;

export const ARCHIVE_STATUS = '已存档' as const;

export function archiveCounterKey(year: number): string {
  return `archive:${year}`;
}

export function formatVolumeNo(year: number, serial: number): string {
  return `${year}-${String(serial).padStart(4, '0')}`;
}

/** The 七有 items not checked. */
export function missingChecklist(checked: readonly string[]): ArchiveChecklistItem[] {
  return ARCHIVE_CHECKLIST.filter((item) => !checked.includes(item));
}

/** Why a case cannot be archived now (Chinese sentences), or none. */
export function archiveProblems(input: ArchiveInput, ctx: { stage: Stage; archived: boolean; closedOn: string | null; today: string; secondVisitOwed: boolean }): string[] {
  const problems: string[] = [];
  if (ctx.archived) problems.push('本件已存档');
  if (ctx.stage !== 'closed') problems.push('只有已报结的信访件才能存档');
  const missing = missingChecklist(input.checklist);
  if (missing.length) problems.push(`案卷材料不全（“七有”缺少：${missing.join('、')}），请补齐后再存档`);
  if (input.date > ctx.today) problems.push('归档日期不能晚于今天');
  if (ctx.closedOn && input.date < ctx.closedOn) problems.push(`归档日期不能早于报结日期 ${ctx.closedOn}`);
  if (ctx.secondVisitOwed) problems.push('检举控告人对回访不满意，二次回访尚未进行，暂不能存档');
  return problems;
}

/** The refusal every mutating case method gives for an archived case. */
export function archivedRefusal(caseNo: string, volumeNo: string): string {
  return `${caseNo} 已存档（卷号 ${volumeNo}），案卷只读，不能修改；如确需修改，请管理员先撤销存档`;
}

/** One line of the 档案 list of a year. */
export const ArchiveRow = z.object({
  id: z.string(),
  caseNo: z.string(),
  receivedDate: z.string(),
  summary: z.string(),
  accused: z.string(),
  archive: CaseArchive,
});
export type ArchiveRow = z.infer<typeof ArchiveRow>;
export const ArchiveList = z.object({ years: z.array(z.number().int()), rows: z.array(ArchiveRow) });
export type ArchiveList = z.infer<typeof ArchiveList>;
