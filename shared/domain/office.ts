import { z } from 'zod';
import { CalendarYear, SHIPPED_CALENDAR_YEARS } from './calendar.js';
import { validateCaseNoPattern } from './case-number.js';
import { DEFAULT_DEADLINE_SETTINGS, DeadlineSettings } from './deadlines.js';
import { DocumentSettings } from '../documents/settings.js';
import { RepeatSettings } from './repeats.js';
import { DEFAULT_VISIT_SETTINGS, VisitSettings } from './visits.js';
import { StatisticsSettings } from './statistics.js';

/** The office this installation belongs to, recorded at first-run setup. */
export const OfficeSettings = z.object({
  /** 机关全称, e.g. 中共鹤峰县纪律检查委员会 鹤峰县监察委员会 */
  fullName: z.string().trim().min(4, '请填写机关全称（至少 4 个字）').max(80, '机关全称不能超过 80 个字'),
  /** 简称, e.g. 鹤峰县纪委监委 */
  shortName: z.string().trim().min(2, '请填写机关简称').max(20, '机关简称不能超过 20 个字'),
  /** 发文机关标志, printed in red at the top of letters, e.g. 中共鹤峰县纪律检查委员会 */
  issuerMark: z.string().trim().min(4, '请填写发文机关标志').max(40, '发文机关标志不能超过 40 个字'),
  /** 发文字号代字, e.g. 鹤纪 */
  docCode: z.string().trim().min(1, '请填写发文代字').max(8, '发文代字不能超过 8 个字'),
  /** 编号规则 for registered cases, e.g. 鹤纪信〔{年}〕{序号}号 */
  caseNoPattern: z
    .string()
    .trim()
    .max(60, '编号规则不能超过 60 个字符')
    .superRefine((pattern, ctx) => {
      const problem = validateCaseNoPattern(pattern);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  /** 所属区域 choices offered at registration (乡镇、街道、部门). */
  regions: z.array(z.string().trim().min(1).max(30)).max(200).default([]),
});
export type OfficeSettings = z.infer<typeof OfficeSettings>;

export const Settings = z.object({
  office: OfficeSettings.nullable(),
  /** 法定节假日 and 调休 by year: shipped 2025–2026, offices load later years as the State Council publishes them. */
  calendarYears: z.array(CalendarYear).default(() => [...SHIPPED_CALENDAR_YEARS]),
  /** Deadline rules (days, unit, citation) and the yellow warning window, office-configurable. */
  deadlines: DeadlineSettings.default(() => ({ ...DEFAULT_DEADLINE_SETTINGS, rules: [...DEFAULT_DEADLINE_SETTINGS.rules] })),
  /** 文书: 代字, 署名, 版记, the neutral return address and the legal citation table. */
  documents: DocumentSettings.default(() => DocumentSettings.parse({})),
  /** 重复件: how far back an earlier case counts. */
  repeats: RepeatSettings.default(() => RepeatSettings.parse({})),
  /** 下访走访: the 访前五问 checklist. */
  visits: VisitSettings.default(() => ({ preVisitQuestions: [...DEFAULT_VISIT_SETTINGS.preVisitQuestions] })),
  /** 统计口径 (the month's first day), the 三函一书 document sets and the 四清单 of the monthly 通报. */
  statistics: StatisticsSettings.default(() => StatisticsSettings.parse({})),
});
export type Settings = z.infer<typeof Settings>;
