import { z } from 'zod';
import { DOCUMENT_TYPES } from './model.js';

/**
 * Legal citations the templates quote, as an editable table: the article numbers of the 监察法 (amended 2024, in force
 * 2025-06-01) and of its 实施条例 (revised 2025) moved, so no article number is written into code. A citation the
 * office has not confirmed against the text in force is pointed out before a document quoting it is issued.
 */
export const Citation = z.object({
  key: z.string().trim().min(1).max(60),
  /** What the citation is used for. */
  purpose: z.string().trim().min(1, '请填写用途').max(60),
  /** The text printed in the document, e.g. 《中华人民共和国监察法》第四十五条第一款第（五）项 */
  text: z.string().trim().min(2, '请填写引用的条文').max(200, '引用的条文不能超过 200 个字'),
  /** The office checked the text against the version in force. */
  confirmed: z.boolean(),
  note: z.string().trim().max(200).default(''),
});
export type Citation = z.infer<typeof Citation>;

const RENUMBERED = '2024年修正（2025年6月1日施行）后条文序号有调整，请对照现行文本核对后确认';

export const DEFAULT_CITATIONS: Citation[] = [
  { key: 'recommendation.basis', purpose: '提出监察建议的依据', text: '《中华人民共和国监察法》第四十五条第一款第（五）项', confirmed: false, note: `此为2018年文本条号；${RENUMBERED}` },
  { key: 'recommendation.refusal', purpose: '拒不采纳监察建议的后果', text: '《中华人民共和国监察法》第六十二条', confirmed: false, note: `此为2018年文本条号；${RENUMBERED}` },
  { key: 'assignment.basis', purpose: '交办、督办问题线索的依据', text: '《中华人民共和国监察法实施条例》第一百六十九条', confirmed: false, note: '此为2021年文本条号；2025年修订后条文序号可能调整，请核对后确认' },
  { key: 'complaints.rules', purpose: '处理检举控告的规定', text: '《纪检监察机关处理检举控告工作规则》', confirmed: true, note: '' },
  { key: 'clarification.basis', purpose: '澄清正名的依据', text: '《纪检监察机关处理检举控告工作规则》和《关于做好失实检举控告澄清工作的意见》', confirmed: true, note: '' },
  { key: 'settlement.basis', purpose: '达成协议的依据', text: '《信访工作条例》第三十三条', confirmed: true, note: '2022年5月1日施行的文本' },
];

export const DocumentSettings = z.object({
  /** 代字 by type, where the office does not use 发文代字 + the type's suffix. */
  codes: z.partialRecord(z.enum(DOCUMENT_TYPES), z.string().trim().max(12, '代字不能超过 12 个字')).default({}),
  /** 署名 of discipline matters (县纪委) and of 监察 matters (县监委). */
  disciplineName: z.string().trim().max(40).default(''),
  supervisionName: z.string().trim().max(40).default(''),
  /** 印发机关 in the 版记, e.g. 中共鹤峰县纪委办公室 */
  printedBy: z.string().trim().max(40).default(''),
  /** 联系人 and phone for the 附注 of letters. */
  contactName: z.string().trim().max(20).default(''),
  contactPhone: z.string().trim().max(20).default(''),
  /** The return address on envelopes to reporters: neutral, without the commission's name (e.g. 鹤峰县邮政信箱 18 号). */
  returnAddress: z.string().trim().max(60).default(''),
  /** Reply periods written into letters, in working days. */
  replyWorkingDays: z
    .object({
      supervision: z.number().int().min(1).max(90).default(5),
      assignment: z.number().int().min(1).max(90).default(30),
      recommendation: z.number().int().min(1).max(90).default(30),
    })
    .default({ supervision: 5, assignment: 30, recommendation: 30 }),
  citations: z.array(Citation).max(100).default(() => DEFAULT_CITATIONS.map((c) => ({ ...c }))),
});
export type DocumentSettings = z.infer<typeof DocumentSettings>;

/** The two organs' names from the office's 机关全称 (“中共某县纪律检查委员会 某县监察委员会”) when not configured. */
export function organNames(fullName: string, settings: DocumentSettings): { discipline: string; supervision: string } {
  const parts = fullName.split(/\s+/).filter(Boolean);
  const discipline = settings.disciplineName || parts.find((p) => p.includes('纪律检查委员会')) || parts[0] || fullName;
  const supervision = settings.supervisionName || parts.find((p) => p.includes('监察委员会')) || discipline;
  return { discipline, supervision };
}

export function citationText(settings: DocumentSettings, key: string): string {
  return settings.citations.find((c) => c.key === key)?.text ?? '';
}
