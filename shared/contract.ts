import { z } from 'zod';
import { AttachmentMeta, CaseChanges, CaseDetail, CaseInput, Id, ReporterPerson } from './domain/case.js';
import { AlertOverview, Recomputed } from './domain/alerts.js';
import { CalendarDate } from './domain/calendar.js';
import { DeadlineSettings, OBLIGATIONS } from './domain/deadlines.js';
import { LedgerFilter, LedgerPage, LedgerQuery } from './domain/ledger.js';
import { DOCUMENT_TYPES, DocumentDraft } from './documents/model.js';
import { RegistryEntry, RegistryQuery } from './documents/registry.js';
import { Citation, DocumentSettings } from './documents/settings.js';
import { RepeatChain, RepeatSettings, RepeatSuggestionSchema } from './domain/repeats.js';
import { RepeatChainRow, RepeatReport } from './domain/repeat-report.js';
import { DifficultRow, DifficultView, Resolution, TaskForce, TaskForceActivity } from './domain/difficult.js';
import { LoopStep } from './domain/loop.js';
import { AuditEntryView, AuditQuery } from './domain/audit.js';
import { OfficeSettings, Settings } from './domain/office.js';
import { DualFeedbackInput, DualResponseInput, ReporterFeedbackInput, ReturnVisitInput } from './domain/aftercare.js';
import { ArchiveInput, ArchiveList } from './domain/archive.js';
import { FieldVisit, FieldVisitPlan, FieldVisitQuery, FieldVisitResult, HouseholdBatch, HouseholdVisitList, HouseholdVisitQuery, VisitSettings } from './domain/visits.js';
import { Period, Statistics, StatisticsSettings } from './domain/statistics.js';
import { BundleFile, ConflictView, ExchangeStatus, ImportPreview, ImportResult, OfficeRef, TrustedOffice } from './domain/exchange.js';
import { DisplayName, LoginName, Password, PasswordPolicy, ROLES, SessionInfo, UserSummary, type Access } from './domain/users.js';

/**
 * THE contract: every backend method with its input and output schema, and every event.
 * The renderer client, the preload allowlist, the Electron IPC handler and the HTTP routes derive from it.
 */
const Empty = z.object({}).strict();

/** A bundle file travels as base64 (browser mode posts it); the host's request limit bounds it further. */
const BundleBase64 = z.string().min(1, '请选择文件').max(60 * 1024 * 1024, '文件过大：浏览器模式下交换包不能超过 45 MB，请用命令行导入');
const KeyFileText = z.string().min(1, '请选择密钥文件').max(10_000, '密钥文件过大');
const Passphrase = z.string().min(8, '交换口令至少 8 个字符').max(128, '交换口令不能超过 128 个字符');

export const AppInfo = z.object({
  productName: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'web']),
  dataDir: z.string(),
  setUp: z.boolean(),
  /** Files recovered from backup at the last open: the user must be told. */
  recoveries: z.array(z.object({ file: z.string(), from: z.string(), reason: z.string() })),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const contract = {
  'app.info': { access: 'public', input: Empty, output: AppInfo },

  'auth.status': { access: 'public', input: Empty, output: SessionInfo },
  /** First run only: creates the administrator, the data keys and (optionally) a recovery key shown once. */
  'auth.setupAdmin': {
    access: 'public',
    input: z.object({ name: LoginName, displayName: DisplayName, password: Password, createRecoveryKey: z.boolean().default(true) }),
    output: z.object({ session: SessionInfo, recoveryKey: z.string().nullable() }),
  },
  'auth.login': { access: 'public', input: z.object({ name: z.string().trim().min(1, '请输入登录名').max(32), password: Password }), output: SessionInfo },
  'auth.logout': { access: 'public', input: Empty, output: SessionInfo },
  /** The UI reports the user's activity, so typing a long form does not count as idle. */
  'auth.touch': { access: 'session', input: Empty, output: z.object({ ok: z.boolean() }) },
  'auth.changePassword': { access: 'session', input: z.object({ oldPassword: Password, newPassword: Password }), output: SessionInfo },
  /** When every administrator password is lost: the printed recovery key sets a new password. */
  'auth.recover': { access: 'public', input: z.object({ recoveryKey: z.string().max(80), name: z.string().trim().max(32), newPassword: Password }), output: SessionInfo },

  'users.list': { access: 'users.manage', input: Empty, output: z.array(UserSummary) },
  'users.create': {
    access: 'users.manage',
    input: z.object({ name: LoginName, displayName: DisplayName, role: z.enum(ROLES), password: Password }),
    output: UserSummary,
  },
  'users.update': {
    access: 'users.manage',
    /** Granting a role that opens reporters' identities needs a new password for the user (their keys are re-wrapped). */
    input: z.object({ id: Id, displayName: DisplayName, role: z.enum(ROLES), disabled: z.boolean(), password: Password.optional() }),
    output: UserSummary,
  },
  'users.resetPassword': { access: 'users.manage', input: z.object({ id: Id, password: Password }), output: UserSummary },
  'security.getPolicy': { access: 'session', input: Empty, output: PasswordPolicy },
  'security.updatePolicy': { access: 'users.manage', input: PasswordPolicy, output: PasswordPolicy },
  'security.createRecoveryKey': { access: 'users.manage', input: z.object({ password: Password }), output: z.object({ recoveryKey: z.string() }) },
  'audit.query': { access: 'audit.read', input: AuditQuery, output: z.object({ total: z.number().int(), entries: z.array(AuditEntryView), problems: z.array(z.string()) }) },
  'audit.export': { access: 'audit.read', input: Empty, output: z.object({ fileName: z.string(), base64: z.string() }) },

  'settings.get': { access: 'session', input: Empty, output: Settings },
  'settings.setupOffice': { access: 'settings.write', input: OfficeSettings, output: Settings },
  'settings.updateOffice': { access: 'settings.write', input: OfficeSettings, output: Settings },

  'cases.register': { access: 'case.write', input: CaseInput, output: CaseDetail },
  'cases.update': {
    access: 'case.write',
    /** expectedUpdatedAt guards against overwriting a change saved meanwhile in another window. */
    input: z.object({ id: Id, expectedUpdatedAt: z.string(), changes: CaseChanges }),
    output: CaseDetail,
  },
  'cases.get': { access: 'case.read', input: z.object({ id: Id }), output: CaseDetail },
  /** The reporter's identity in clear; recorded in the case history and the audit log. */
  'cases.revealReporter': {
    access: 'identity.reveal',
    input: z.object({ id: Id, reason: z.string().trim().min(2, '请说明查看原因').max(200) }),
    output: z.array(ReporterPerson),
  },
  'cases.ledger': { access: 'case.read', input: LedgerQuery, output: LedgerPage },
  'cases.exportLedger': { access: 'export', input: LedgerFilter, output: z.object({ fileName: z.string(), base64: z.string(), count: z.number().int() }) },
  'cases.regions': { access: 'case.read', input: Empty, output: z.array(z.string()) },

  /** Stores a scanned letter, photo or PDF (encrypted, named by a keyed hash); the reference goes into a case. */
  'attachments.upload': {
    access: 'case.write',
    input: z.object({ name: z.string().trim().min(1).max(200), base64: z.string().max(40 * 1024 * 1024) }),
    output: AttachmentMeta,
  },
  'attachments.read': { access: 'case.read', input: z.object({ caseId: Id, attachmentId: Id }), output: z.object({ name: z.string(), mime: z.string(), base64: z.string() }) },

  /** One step of the closed loop (受理 … 报结, 催办督办, 延期, 中止/恢复, 重新办理); illegal steps are refused. */
  'loop.apply': { access: 'case.write', input: z.object({ id: Id, expectedUpdatedAt: z.string(), step: LoopStep }), output: CaseDetail },
  /** An obligation met outside the loop's steps: 受理告知 sent, 交办 reply received … */
  'loop.fulfil': {
    access: 'case.write',
    input: z.object({ id: Id, expectedUpdatedAt: z.string(), obligation: z.enum(OBLIGATIONS), date: CalendarDate, note: z.string().trim().max(500).default('') }),
    output: CaseDetail,
  },
  /** A document drafted from the case; `fields` supplies what the case lacks. Nothing is numbered or kept yet. */
  'documents.draft': {
    access: 'case.read',
    input: z.object({ caseId: Id, type: z.enum(DOCUMENT_TYPES), fields: z.record(z.string().max(40), z.string().max(5000)).default({}) }),
    output: z.object({
      draft: DocumentDraft,
      issuerMark: z.string(),
      /** The 文号 with its number left blank, as the preview shows it. */
      docNo: z.string(),
      /** What the user must still fill in before issuing (Chinese labels). */
      missing: z.array(z.string()),
      /** Citations the text uses that the office has not confirmed against the version in force. */
      unconfirmed: z.array(Citation),
    }),
  },
  /** Takes the next 文号, renders the .docx and keeps it with the case (fills in the reporter for notices to them). */
  'documents.issue': {
    access: 'case.write',
    input: z.object({ caseId: Id, expectedUpdatedAt: z.string(), draft: DocumentDraft }),
    output: z.object({ detail: CaseDetail, documentId: z.string(), docNo: z.string() }),
  },
  'documents.download': { access: 'case.read', input: z.object({ caseId: Id, documentId: z.string().max(40) }), output: z.object({ fileName: z.string(), base64: z.string() }) },
  /** Voids an issued document and its 文号 (the number is not given out again). */
  'documents.void': {
    access: 'case.write',
    input: z.object({ caseId: Id, documentId: z.string().max(40), expectedUpdatedAt: z.string(), reason: z.string().trim().min(2, '请说明作废理由').max(200, '作废理由不能超过 200 个字') }),
    output: CaseDetail,
  },
  'documents.registry': { access: 'case.read', input: RegistryQuery, output: z.array(RegistryEntry) },
  'documents.updateSettings': { access: 'settings.write', input: DocumentSettings, output: Settings },

  'repeats.forCase': { access: 'case.read', input: z.object({ id: Id }), output: z.array(RepeatSuggestionSchema) },
  /** Marks a case as a repeat; the chain keeps its first case (linking to a copy links to that copy's first). */
  'repeats.link': { access: 'case.write', input: z.object({ id: Id, firstId: Id, expectedUpdatedAt: z.string() }), output: CaseDetail },
  'repeats.unlink': { access: 'case.write', input: z.object({ id: Id, expectedUpdatedAt: z.string(), reason: z.string().trim().min(2, '请说明解除关联的理由').max(200) }), output: CaseDetail },
  /** Every copy of a chain in one timeline: the first case and its repeats, by date. */
  'repeats.chain': { access: 'case.read', input: z.object({ id: Id }), output: RepeatChain },
  /** The same for a case still being registered. */
  'repeats.forDraft': {
    access: 'case.read',
    input: CaseInput.pick({ receivedDate: true, source: true, upperOffice: true, upperRefNo: true, summary: true, accused: true, reporter: true }).partial({ reporter: true }),
    output: z.array(RepeatSuggestionSchema),
  },
  /** Chains of two or more copies, most copies first. */
  'repeats.chains': { access: 'case.read', input: Empty, output: z.array(RepeatChainRow) },
  /** The periodic repeat report for 通报, and the same as an .xlsx workbook. */
  'repeats.report': { access: 'case.read', input: Period, output: RepeatReport },
  'repeats.exportReport': { access: 'export', input: Period, output: z.object({ fileName: z.string(), base64: z.string() }) },
  'repeats.updateSettings': { access: 'settings.write', input: RepeatSettings, output: Settings },

  /** 重点疑难件 and 化解专班, on the chain's first case whichever copy is given. */
  'difficult.get': { access: 'case.read', input: z.object({ id: Id }), output: DifficultView },
  'difficult.flag': { access: 'case.write', input: z.object({ id: Id, reason: z.string().trim().min(2, '请说明列为重点疑难件的理由').max(500) }), output: DifficultView },
  'difficult.unflag': { access: 'case.write', input: z.object({ id: Id, expectedUpdatedAt: z.string(), reason: z.string().trim().min(2, '请说明撤销的理由').max(500) }), output: DifficultView },
  'difficult.update': {
    access: 'case.write',
    input: z.object({ id: Id, expectedUpdatedAt: z.string(), taskForce: TaskForce.optional(), realDemand: z.string().trim().max(2000).optional() }),
    output: DifficultView,
  },
  'difficult.record': { access: 'case.write', input: z.object({ id: Id, expectedUpdatedAt: z.string(), activity: TaskForceActivity }), output: DifficultView },
  'difficult.resolve': { access: 'case.write', input: z.object({ id: Id, expectedUpdatedAt: z.string(), resolution: Resolution }), output: DifficultView },
  'difficult.list': { access: 'case.read', input: Empty, output: z.array(DifficultRow) },

  /** 预警督办: red and yellow cases first, with counts by colour, department and responsible person. */
  'alerts.overview': { access: 'case.read', input: Empty, output: AlertOverview },
  'calendar.import': { access: 'settings.write', input: z.object({ text: z.string().max(200_000) }), output: Recomputed.extend({ years: z.array(z.number().int()) }) },
  'deadlines.updateSettings': { access: 'settings.write', input: DeadlineSettings, output: Recomputed },

  /** 带信下访: a plan (cases, place, leaders, 访前五问), then what was found and decided per case. */
  'fieldVisits.plan': { access: 'case.write', input: FieldVisitPlan, output: FieldVisit },
  'fieldVisits.record': { access: 'case.write', input: z.object({ id: Id, expectedUpdatedAt: z.string(), result: FieldVisitResult }), output: FieldVisit },
  'fieldVisits.list': { access: 'case.read', input: FieldVisitQuery, output: z.array(FieldVisit) },
  /** 入户走访: a batch of rows, checked row by row (the refusal names the rows) and saved in one write. */
  'householdVisits.record': { access: 'case.write', input: HouseholdBatch, output: z.object({ created: z.number().int(), batchId: z.string() }) },
  'householdVisits.list': { access: 'case.read', input: HouseholdVisitQuery, output: HouseholdVisitList },
  'visits.updateSettings': { access: 'settings.write', input: VisitSettings, output: Settings },
  /** 结果反馈 to the reporter; while the case waits for 反馈 it is also the loop's 反馈 step. */
  'feedback.record': { access: 'case.write', input: z.object({ id: Id, expectedUpdatedAt: z.string(), feedback: ReporterFeedbackInput }), output: CaseDetail },
  /** 双反馈 to the local party committee or government, and later their response. */
  'feedback.recordDual': { access: 'case.write', input: z.object({ id: Id, expectedUpdatedAt: z.string(), dual: DualFeedbackInput }), output: CaseDetail },
  'feedback.recordDualResponse': { access: 'case.write', input: z.object({ id: Id, expectedUpdatedAt: z.string(), dualId: z.string().max(64), response: DualResponseInput }), output: CaseDetail },
  /** 回访; an unsatisfied one schedules the 二次回访, which the next visit records. */
  'returnVisits.record': { access: 'case.write', input: z.object({ id: Id, expectedUpdatedAt: z.string(), visit: ReturnVisitInput }), output: CaseDetail },
  /** 存档 of a concluded (报结) case with the 七有 checklist; the case becomes read-only. */
  'archive.close': { access: 'case.write', input: z.object({ id: Id, expectedUpdatedAt: z.string(), archive: ArchiveInput }), output: CaseDetail },
  /** 撤销存档: only administrators (settings.write), with a reason; audited. */
  'archive.reopen': {
    access: 'settings.write',
    input: z.object({ id: Id, expectedUpdatedAt: z.string(), reason: z.string().trim().min(2, '请说明撤销存档的理由').max(200, '理由不能超过 200 个字') }),
    output: CaseDetail,
  },
  'archive.list': { access: 'case.read', input: z.object({ year: z.number().int().min(1990).max(2200).optional() }), output: ArchiveList },
  /** 统计: the dashboard's figures for a period (reporters' identities never enter them). */
  'statistics.compute': { access: 'case.read', input: Period, output: Statistics.extend({ tookMs: z.number() }) },
  /** 一月一通报 of a statistical month: the GB/T 9704 通报 (.docx) and the 台账 with the figures (.xlsx). */
  'statistics.bulletin': {
    access: 'export',
    input: z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM'), docNo: z.string().trim().max(40).default('') }),
    output: z.object({ docx: z.object({ fileName: z.string(), base64: z.string() }), xlsx: z.object({ fileName: z.string(), base64: z.string() }) }),
  },
  'statistics.updateSettings': { access: 'settings.write', input: StatisticsSettings, output: Settings },
  /** 交换: this office's identity, trusted offices, bundles sent and whether they were acknowledged, backup reminder. */
  'exchange.status': { access: 'case.read', input: Empty, output: ExchangeStatus },
  /** This office's public key file, to hand to another office (its fingerprint is compared by phone). */
  'exchange.keyFile': { access: 'case.read', input: Empty, output: z.object({ fileName: z.string(), text: z.string(), fingerprint: z.string() }) },
  /** Reads another office's key file and shows its fingerprint; nothing is stored. */
  'exchange.inspectKey': { access: 'settings.write', input: z.object({ text: KeyFileText }), output: OfficeRef.extend({ trusted: z.boolean() }) },
  /** Trusts another office's key once the fingerprint read over the phone has been typed in or confirmed. */
  'exchange.trust': { access: 'settings.write', input: z.object({ text: KeyFileText, fingerprint: z.string().trim().min(8, '请填写电话核对的指纹').max(60) }), output: TrustedOffice },
  'exchange.untrust': { access: 'settings.write', input: z.object({ officeId: Id }), output: z.object({ ok: z.boolean() }) },
  /** A signed, encrypted 交换包 of chosen cases (or all) for a trusted office; the reporter's identity only by a reasoned choice. */
  'exchange.export': {
    access: 'export',
    input: z.object({
      caseIds: z.array(Id).max(100_000).default([]),
      all: z.boolean().default(false),
      recipientId: Id,
      passphrase: Passphrase.optional(),
      encryptToRecipient: z.boolean().default(true),
      includeIdentity: z.boolean().default(false),
      identityReason: z.string().trim().max(200).optional(),
    }),
    output: BundleFile.extend({ seq: z.number().int(), caseCount: z.number().int() }),
  },
  /** Verifies a bundle (signature, sender, recipient, number) and shows what importing it would do; nothing is written. */
  'exchange.preview': { access: 'case.write', input: z.object({ base64: BundleBase64, passphrase: z.string().max(128).optional() }), output: ImportPreview },
  /** Imports a bundle all or nothing and returns the 回执 for the sender (or records a receipt for a bundle sent). */
  'exchange.import': { access: 'case.write', input: z.object({ base64: BundleBase64, passphrase: z.string().max(128).optional() }), output: ImportResult },
  'exchange.conflicts': { access: 'case.read', input: Empty, output: z.array(ConflictView) },
  /** Settles a conflict: keep this office's version or take the incoming one (both are recorded in the history). */
  'exchange.resolve': { access: 'case.write', input: z.object({ caseId: Id, keep: z.enum(['local', 'incoming']) }), output: z.object({ remaining: z.number().int() }) },
  /** A full backup of the office (with reporters' identities) under a passphrase. */
  'exchange.backup': { access: 'settings.write', input: z.object({ passphrase: Passphrase }), output: BundleFile.extend({ caseCount: z.number().int() }) },
  /** Restores a full backup into this installation, which must still be empty. */
  'exchange.restore': { access: 'settings.write', input: z.object({ base64: BundleBase64, passphrase: z.string().min(1, '请输入备份口令').max(128) }), output: z.object({ cases: z.number().int() }) },
  'exchange.setBackupReminder': { access: 'settings.write', input: z.object({ remindDays: z.number().int().min(1, '提醒间隔至少 1 天').max(90, '提醒间隔不能超过 90 天') }), output: ExchangeStatus },

  /** Offered on first run in an empty office. */
  'demo.load': { access: 'settings.write', input: z.object({ cases: z.number().int().min(1).max(2000).default(200) }), output: z.object({ created: z.number().int() }) },
} as const satisfies Record<string, { access: Access; input: z.ZodType; output: z.ZodType }>;

export const events = {
  'settings.changed': Settings,
  'store.recovered': z.object({ file: z.string(), from: z.string(), reason: z.string() }),
  'cases.changed': z.object({ ids: z.array(z.string()) }),
  /** The session ended or locked (idle, logout, another login): the UI shows the login screen. */
  'auth.changed': z.object({ locked: z.boolean() }),
  /** Progress of a large export, import, backup or restore. */
  'exchange.progress': z.object({ operation: z.enum(['export', 'import', 'backup', 'restore']), phase: z.string(), done: z.number().int(), total: z.number().int() }),
} as const satisfies Record<string, z.ZodType>;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type MethodInput<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends Method> = z.output<Contract[M]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** What the renderer calls: one async function per method. */
export type AppApi = { [M in Method]: (input: MethodInput<M>) => Promise<MethodOutput<M>> };

export const methodNames = Object.keys(contract) as Method[];
export const eventNames = Object.keys(events) as EventName[];

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** The one IPC channel for calls, and the one for events (Electron host). */
export const IPC_INVOKE_CHANNEL = 'xinfang:invoke';
export const IPC_EVENT_CHANNEL = 'xinfang:event';
/** HTTP host: POST {API_PREFIX}{method}; events on {API_PREFIX}events (server-sent events). */
export const API_PREFIX = '/api/';
export const TOKEN_HEADER = 'x-xinfang-token';
