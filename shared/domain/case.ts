import { z } from 'zod';
import { Fulfilment } from './case-deadlines.js';
import { ALERTS, Deadline } from './deadlines.js';
import { checkIdNumber } from './id-number.js';
import { LetterDraft } from './letters.js';
import { IssuedDocument } from '../documents/model.js';
import { DifficultCase } from './difficult.js';
import { isTerminal, LoopStep, STAGES, STEP_KINDS, type Stage } from './loop.js';
import { DualFeedback, ReporterFeedback, ReturnVisit } from './aftercare.js';
import { CaseArchive } from './archive.js';

/** 信访举报件: the registered item, its reporter (confidential part) and the accused. Values are the office's words. */
export const CHANNELS = ['来信', '来访', '来电', '网络', '其他'] as const;
export const SOURCES = ['本级受理', '上级转办', '上级交办', '巡视巡察发现', '监督执纪发现', '职能部门移交', '其他机关移送', '其他'] as const;
/** Sources that come with an upper office and its reference number. */
export const UPPER_SOURCES: readonly Source[] = ['上级转办', '上级交办'];
export const KINDS = ['检举控告', '申诉', '批评建议', '业务范围外', '无实质内容'] as const;
export const CATEGORIES = [
  '违反政治纪律',
  '违反组织纪律',
  '违反廉洁纪律',
  '违反群众纪律',
  '违反工作纪律',
  '违反生活纪律',
  '贪污贿赂',
  '滥用职权',
  '玩忽职守',
  '权力寻租',
  '利益输送',
  '徇私舞弊',
  '浪费国家资财',
  '职务犯罪',
  '其他违法犯罪',
  '其他',
] as const;
export const DOMAIN_SUGGESTIONS = ['扶贫领域', '乡村振兴', '涉黑涉恶', '惠民惠农资金', '征地拆迁', '工程建设', '教育医疗', '生态环保', '民生保障', '国有资产'];
export const RANKS = ['县处级', '乡科级', '一般干部', '事业单位人员', '企业人员', '农村党员干部', '村（社区）干部', '其他'] as const;
export const POLITICAL_STATUSES = ['中共党员', '中共预备党员', '共青团员', '民主党派', '群众', '其他'] as const;
export const CASE_STATUSES = ['已登记', '办理中', '已办结', '已存档'] as const;

export type Channel = (typeof CHANNELS)[number];
export type Source = (typeof SOURCES)[number];
export type Kind = (typeof KINDS)[number];
export type Category = (typeof CATEGORIES)[number];
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** The ledger's coarse status, from the loop's stage. */
export function statusOfStage(stage: Stage): CaseStatus {
  if (stage === 'registered') return '已登记';
  return isTerminal(stage) ? '已办结' : '办理中';
}

/** The status a stored case shows: 已存档 while archived, otherwise from its loop's stage. */
export function statusOfCase(stage: Stage, archive: CaseArchive | null): CaseStatus {
  return archive ? '已存档' : statusOfStage(stage);
}

const text = (max: number, label: string) => z.string().trim().max(max, `${label}不能超过 ${max} 个字`);
const optionalText = (max: number, label: string) => text(max, label).optional().default('');
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const Id = z.string().min(1).max(64);

export const ReporterPerson = z.object({
  name: text(40, '姓名').min(1, '请填写检举控告人姓名或单位名称'),
  idNumber: optionalText(18, '身份证号码'),
  phone: optionalText(20, '联系电话'),
  /** 住址或工作单位 */
  address: optionalText(100, '住址或单位'),
});
export type ReporterPerson = z.infer<typeof ReporterPerson>;

/** The confidential part: only shown masked until a user reveals it. */
export const ReporterInput = z.object({
  realName: z.boolean(),
  persons: z.array(ReporterPerson).max(50, '联名检举控告人不能超过 50 人').default([]),
});
export type ReporterInput = z.infer<typeof ReporterInput>;

export const Accused = z.object({
  type: z.enum(['person', 'unit']),
  name: text(60, '被反映人姓名或单位名称').min(1, '请填写被反映人姓名或单位名称'),
  unit: optionalText(60, '单位'),
  post: optionalText(40, '职务'),
  rank: z.enum(RANKS).optional(),
  politicalStatus: z.enum(POLITICAL_STATUSES).optional(),
});
export type Accused = z.infer<typeof Accused>;

export const AttachmentMeta = z.object({
  id: Id,
  name: text(200, '文件名').min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  mime: z.string().max(100),
  addedAt: z.string(),
});
export type AttachmentMeta = z.infer<typeof AttachmentMeta>;

export const CaseInput = z.object({
  receivedDate: IsoDate,
  channel: z.enum(CHANNELS),
  source: z.enum(SOURCES),
  upperOffice: optionalText(60, '上级机关'),
  upperRefNo: optionalText(60, '上级文号'),
  kind: z.enum(KINDS),
  categories: z.array(z.enum(CATEGORIES)).max(CATEGORIES.length).default([]),
  domains: z.array(text(30, '涉及领域').min(1)).max(20).default([]),
  region: optionalText(30, '所属区域'),
  summary: text(4000, '主要问题摘要').min(5, '请填写主要问题摘要（至少 5 个字）'),
  reporter: ReporterInput,
  accused: z.array(Accused).max(50, '被反映人不能超过 50 个').default([]),
  attachments: z.array(AttachmentMeta).max(100, '附件不能超过 100 个').default([]),
});
export type CaseInput = z.infer<typeof CaseInput>;
export type CaseInputDraft = z.input<typeof CaseInput>;

/** An edit: the same fields; without `reporter` the reporter's identity stays as it is (and stays unrevealed). */
export const CaseChanges = CaseInput.extend({ reporter: ReporterInput.optional() });
export type CaseChanges = z.infer<typeof CaseChanges>;
export type CaseChangesDraft = z.input<typeof CaseChanges>;

export const FieldChange = z.object({ field: z.string(), before: z.string(), after: z.string() });
export const HistoryEntry = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.enum(['register', 'edit', 'reveal', 'import', 'step', 'fulfil', 'letter', 'repeat', 'document', 'feedback', 'returnVisit', 'fieldVisit', 'archive', 'difficult']),
  summary: z.string(),
  changes: z.array(FieldChange).default([]),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** The masked view of the reporter part that lists and details carry. */
export const MaskedPerson = z.object({ name: z.string(), phone: z.string(), idNumber: z.string(), address: z.string() });
export const MaskedReporter = z.object({ realName: z.boolean(), persons: z.array(MaskedPerson) });
export type MaskedReporter = z.infer<typeof MaskedReporter>;

/** The identity as stored: encrypted with the identity key (which only roles that need it hold), plus its masked form. */
export const SealedIdentity = MaskedReporter.extend({ sealed: z.string() });
export type SealedIdentity = z.infer<typeof SealedIdentity>;

const CaseCore = CaseInput.omit({ reporter: true }).extend({
  id: Id,
  caseNo: z.string(),
  status: z.enum(CASE_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
  history: z.array(HistoryEntry),
  /** The closed loop as the steps taken (the state is their replay), and the deadlines they owe. */
  steps: z.array(LoopStep).default([]),
  deadlines: z.array(Deadline).default([]),
  fulfilments: z.array(Fulfilment).default([]),
  /** 重复件: the first case of the chain this one repeats (a chain always points at its first case). */
  repeatOf: z.object({ id: Id, caseNo: z.string(), linkedAt: z.string(), by: z.string() }).nullable().default(null),
  /** Letters drafted for this case (督办函 …), waiting for the documents module to render them. */
  letters: z.array(LetterDraft).default([]),
  /** Documents issued from this case (文书), with their 文号 and the stored .docx. */
  documents: z.array(IssuedDocument).default([]),
  /** 重点疑难件 and its 化解专班; kept on the first case of a repeat chain. */
  difficult: DifficultCase.nullable().default(null),
  /** 结果反馈 to the reporter, 双反馈 to the local party committee or government, 回访 (see aftercare.ts). */
  feedbacks: z.array(ReporterFeedback).default([]),
  dualFeedbacks: z.array(DualFeedback).default([]),
  returnVisits: z.array(ReturnVisit).default([]),
  /** 存档: set while the case is in the archive, which makes it read-only (see archive.ts). */
  archive: CaseArchive.nullable().default(null),
});

/**
 * What is stored: the case and, in its own part, the reporter's identity (sealed; plain only in a data directory
 * from before encryption, which is sealed on first login).
 */
export const CaseRecord = CaseCore.extend({ identity: z.union([SealedIdentity, ReporterInput]) });
export type CaseRecord = z.infer<typeof CaseRecord>;

/** What leaves the backend: never the identity, only its masked form; plus the loop's state and the colour today. */
export const CaseDetail = CaseCore.extend({
  reporter: MaskedReporter,
  stage: z.enum(STAGES),
  allowedSteps: z.array(z.enum(STEP_KINDS)),
  alert: z.enum(ALERTS),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

/** The accused in one line, as the ledger shows them: 单位 职务 姓名；… */
export function accusedLine(accused: readonly Accused[]): string {
  return accused.map((a) => (a.type === 'unit' ? a.name : [a.unit, a.post, a.name].filter(Boolean).join(' '))).join('；');
}

export interface CaseIssue {
  path: string;
  message: string;
}

const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{5,8})$/;

export function checkPhone(phone: string): string | null {
  return phone.trim() && !PHONE.test(phone.trim()) ? `联系电话“${phone}”格式不正确` : null;
}
export function checkContact(realName: boolean, p: Partial<ReporterPerson>): string | null {
  return realName && !p.phone?.trim() && !p.address?.trim() ? `实名检举控告人“${p.name ?? ''}”须留有联系电话或住址（单位）` : null;
}

/**
 * Rules across fields, shared by the form and the backend: a real-name report needs a contact, ID numbers pass
 * their checksum, dates are not in the future, forwarded items name the upper office and its reference number.
 */
export function checkCaseInput(input: CaseInputDraft, today: string): CaseIssue[] {
  const issues: CaseIssue[] = [];
  if (input.receivedDate > today) issues.push({ path: 'receivedDate', message: '收件日期不能晚于今天' });
  if ((UPPER_SOURCES as readonly string[]).includes(input.source)) {
    if (!input.upperOffice?.trim()) issues.push({ path: 'upperOffice', message: `来源为“${input.source}”时须填写上级机关` });
    if (!input.upperRefNo?.trim()) issues.push({ path: 'upperRefNo', message: `来源为“${input.source}”时须填写上级文号（转办、交办编号）` });
  }
  const persons = input.reporter.persons ?? [];
  if (input.reporter.realName) {
    if (persons.length === 0) issues.push({ path: 'reporter.persons', message: '实名举报须填写检举控告人' });
    persons.forEach((p, i) => {
      const problem = checkContact(true, p);
      if (problem) issues.push({ path: `reporter.persons.${i}.phone`, message: problem });
    });
  }
  persons.forEach((p, i) => {
    if (p.idNumber?.trim()) {
      const problem = checkIdNumber(p.idNumber, today);
      if (problem) issues.push({ path: `reporter.persons.${i}.idNumber`, message: problem });
    }
    const phone = checkPhone(p.phone ?? '');
    if (phone) issues.push({ path: `reporter.persons.${i}.phone`, message: phone });
  });
  if (input.kind === '检举控告' && (input.accused ?? []).length === 0) {
    issues.push({ path: 'accused', message: '检举控告件须至少填写一个被反映人（个人或单位）' });
  }
  return issues;
}
