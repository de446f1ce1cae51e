import { z } from 'zod';

/**
 * 文书: the official documents the office issues from a case. Each is built once as this model and rendered twice, to
 * .docx (backend) and to the in-app preview (renderer), both from the same layout (layout.ts).
 */
export const DOCUMENT_TYPES = [
  'clarification',
  'settlement',
  'recommendation',
  'supervision',
  'assignment',
  'acceptance-notice',
  'result-feedback',
  'slip',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/**
 * How the first page is laid out: 信函格式 (函: 标志 30 mm from the top edge, red double lines, no page number on page
 * 1), 文件格式 (版头 with 标志, 文号 and the red separator), plain (title first: 告知书, 协议书), form (阅办卡).
 */
export type DocumentFormat = 'letter' | 'document' | 'plain' | 'form';

export interface DocumentTypeInfo {
  label: string;
  format: DocumentFormat;
  /** Takes a 文号 from the registry when issued. */
  numbered: boolean;
  /** 代字 suffix appended to the office's 发文代字 unless the office configures the whole 代字 (鹤纪 + 澄 = 鹤纪澄). */
  codeSuffix: string;
  /** Addressed to the reporter: the only types that may carry the reporter's name, filled in when issued. */
  toReporter: boolean;
}

export const DOCUMENT_TYPE_INFO: Record<DocumentType, DocumentTypeInfo> = {
  clarification: { label: '澄清函', format: 'letter', numbered: true, codeSuffix: '澄', toReporter: false },
  settlement: { label: '息诉息访协议书', format: 'plain', numbered: true, codeSuffix: '息', toReporter: false },
  recommendation: { label: '监察建议书', format: 'document', numbered: true, codeSuffix: '建', toReporter: false },
  supervision: { label: '督办函', format: 'letter', numbered: true, codeSuffix: '督', toReporter: false },
  assignment: { label: '交办函', format: 'letter', numbered: true, codeSuffix: '交', toReporter: false },
  'acceptance-notice': { label: '受理告知书', format: 'plain', numbered: true, codeSuffix: '受告', toReporter: true },
  'result-feedback': { label: '处理结果反馈告知书', format: 'plain', numbered: true, codeSuffix: '反告', toReporter: true },
  slip: { label: '阅办卡', format: 'form', numbered: false, codeSuffix: '', toReporter: false },
};

/**
 * Placeholders for the reporter in documents addressed to them. Drafts and previews carry these, never the identity;
 * the backend fills them in only when the document is issued by a user allowed to see the identity.
 */
export const REPORTER_NAME = '【检举控告人姓名】';
export const REPORTER_ADDRESS = '【检举控告人地址】';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const line = (max: number, what: string) => z.string().trim().max(max, `${what}不能超过 ${max} 个字`);

/** 0: body text; 1: 一、(黑体); 2: （一）(楷体); 3: 1.; 4: （1）. */
export const Paragraph = z.object({
  text: line(3000, '段落'),
  level: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).default(0),
});
export type Paragraph = z.infer<typeof Paragraph>;

export const FormRow = z.object({
  label: line(12, '栏目名称').min(1, '请填写栏目名称'),
  value: line(2000, '栏目内容'),
  /** Rows kept free for handwriting (批示、拟办意见). */
  minLines: z.number().int().min(1).max(12).default(1),
});
export type FormRow = z.infer<typeof FormRow>;

export const Envelope = z.object({
  to: line(40, '收件人'),
  address: line(100, '收件地址'),
  postcode: z.string().trim().regex(/^(\d{6})?$/, '邮政编码应为 6 位数字').default(''),
  /** A neutral return address that does not name the commission (保密). */
  returnAddress: line(60, '寄件地址'),
});
export type Envelope = z.infer<typeof Envelope>;

/** What a user edits before issuing. */
export const DocumentDraft = z.object({
  type: z.enum(DOCUMENT_TYPES),
  title: line(100, '标题').min(2, '请填写标题'),
  /** 主送机关, or the person addressed (称呼); empty for agreements and forms. */
  addressee: line(100, '主送'),
  body: z.array(Paragraph).max(300, '正文不能超过 300 段'),
  /** 附件说明: names only, no punctuation at the end. */
  attachments: z.array(line(100, '附件名称').min(1)).max(20).default([]),
  /** 署名 (one line per issuing organ). */
  signatures: z.array(line(60, '署名').min(1)).max(4).default([]),
  /** 成文日期 */
  date: IsoDate,
  /** 附注, e.g. （联系人：…，联系电话：…） */
  note: line(200, '附注').default(''),
  /** 抄送 (版记) */
  copyTo: z.array(line(60, '抄送机关').min(1)).max(20).default([]),
  /** 印发机关 (版记); empty for letters without a 印发 line. */
  printedBy: line(40, '印发机关').default(''),
  replyBy: IsoDate.optional(),
  envelope: Envelope.nullable().default(null),
  form: z.array(FormRow).max(30).default([]),
  /** Keys of the legal citations the text used (citations.ts), so an unconfirmed one can be pointed out. */
  citations: z.array(z.string().max(60)).max(20).default([]),
});
export type DocumentDraft = z.infer<typeof DocumentDraft>;
export type DocumentDraftInput = z.input<typeof DocumentDraft>;

/** A draft with its header: what both renderers lay out. */
export const OfficialDocument = DocumentDraft.extend({
  /** 发文机关标志, printed in red. */
  issuerMark: z.string().max(60),
  /** 发文字号; '' for a draft (the preview shows the 代字 with a blank number) or an unnumbered form. */
  docNo: z.string().max(40),
});
export type OfficialDocument = z.infer<typeof OfficialDocument>;

/** An issued document kept with its case: the 文号, who issued it and when, the model, and the .docx bytes (by hash). */
export const IssuedDocument = z.object({
  id: z.string(),
  type: z.enum(DOCUMENT_TYPES),
  docNo: z.string(),
  title: z.string(),
  issuedAt: z.string(),
  issuedBy: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  document: OfficialDocument,
  voided: z.object({ at: z.string(), by: z.string(), reason: z.string() }).nullable().default(null),
});
export type IssuedDocument = z.infer<typeof IssuedDocument>;

/** The gaps a draft still has (【请填写：…】), each once: a document is not issued while any remain. */
export function blanksOf(value: unknown): string[] {
  return [...new Set(JSON.stringify(value).match(/【请填写[^】]*】/g) ?? [])];
}

/** 成文日期 and dates in text: Arabic numerals, full year, no leading zeros (2026年3月5日). */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * Tables and pictures in the body: the monthly 通报 carries its figures and charts. Each table row takes one grid row
 * (the header repeats on a new page); a picture takes whole grid rows and is never split.
 */
export interface TableBlock {
  kind: 'table';
  columns: { label: string; align?: 'left' | 'center' | 'right' }[];
  rows: string[][];
}
export interface ImageBlock {
  kind: 'image';
  /** PNG bytes; an SVG of the same picture, where there is one, is written beside it for word processors that read SVG. */
  png: Uint8Array;
  svg?: string;
  widthMm: number;
  /** Height in grid rows. */
  rows: number;
  alt: string;
}
export type BodyBlock = TableBlock | ImageBlock;

/** 通报: built from the statistics, not from a case; laid out in the 文件格式 like a 监察建议书. */
export const REPORT_TYPE_INFO = { bulletin: { label: '通报', format: 'document' as DocumentFormat } } as const;
export type ReportType = keyof typeof REPORT_TYPE_INFO;

/** What the layout and the .docx renderer take: a case document, or a report with tables and pictures in its body. */
export interface LayoutInput extends Omit<OfficialDocument, 'type'> {
  type: DocumentType | ReportType;
  /** Blocks placed after the body paragraph of the index `after` (−1: before the first). */
  blocks?: { after: number; block: BodyBlock }[];
}
