import { z } from 'zod';
import { CaseRecord, FieldChange, Id } from './case.js';

/**
 * 交换: cases carried between offices on USB in signed, encrypted bundles (交换包), acknowledged by receipts (回执),
 * and the office's own full backup in the same format.
 */
export const BUNDLE_KINDS = ['cases', 'receipt', 'backup'] as const;
export type BundleKind = (typeof BUNDLE_KINDS)[number];
export const BUNDLE_KIND_LABELS: Record<BundleKind, string> = { cases: '交换包', receipt: '回执', backup: '备份' };

/** What a bundle did to each case: the preview shows it, the import and the receipt count it. */
export const IMPORT_OUTCOMES = ['new', 'updated', 'unchanged', 'conflict'] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];
export const IMPORT_OUTCOME_LABELS: Record<ImportOutcome, string> = { new: '新增', updated: '更新', unchanged: '无变化', conflict: '冲突' };

/** Keys in SPKI DER, base64: Ed25519 for signatures, X25519 for encrypting to the office. */
const PublicKey = z.string().regex(/^[A-Za-z0-9+/]{40,80}={0,2}$/, '公钥格式无效');

/** The office key file offices swap once (对方机关密钥文件); its fingerprint is read aloud by phone before trusting it. */
export const OfficeKeyFile = z.object({
  format: z.literal('xinfang-office-key/1'),
  officeId: Id,
  name: z.string().trim().min(2).max(80),
  signingKey: PublicKey,
  agreementKey: PublicKey,
  createdAt: z.string(),
});
export type OfficeKeyFile = z.infer<typeof OfficeKeyFile>;

export const OfficeRef = z.object({ officeId: Id, name: z.string(), fingerprint: z.string() });
export type OfficeRef = z.infer<typeof OfficeRef>;

export const TrustedOffice = OfficeKeyFile.omit({ format: true }).extend({ fingerprint: z.string(), trustedAt: z.string(), trustedBy: z.string() });
export type TrustedOffice = z.infer<typeof TrustedOffice>;

export const OutcomeCounts = z.object({ new: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), conflict: z.number().int() });
export type OutcomeCounts = z.infer<typeof OutcomeCounts>;

/** A bundle this office sent, until (and after) the recipient's receipt arrives. */
export const SentBundle = z.object({
  bundleId: Id,
  seq: z.number().int().positive(),
  kind: z.enum(BUNDLE_KINDS),
  recipientId: Id,
  recipientName: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  caseCount: z.number().int(),
  caseNos: z.array(z.string()),
  includesIdentity: z.boolean(),
  acknowledgedAt: z.string().nullable(),
  receipt: OutcomeCounts.nullable(),
});
export type SentBundle = z.infer<typeof SentBundle>;

/** Where an exchanged case came from (the sender's number stays visible as 来源编号) and when it last travelled. */
export const Provenance = z.object({
  origin: Id,
  originCaseNo: z.string(),
  /** Hash of the version last received and settled (taken, or refused in a conflict): it is not asked about again. */
  base: z.string(),
  lastWith: Id,
  at: z.string(),
});
export type Provenance = z.infer<typeof Provenance>;

/** An incoming version that clashed with a local change: both are kept until a user chooses. */
export const StoredConflict = z.object({
  caseId: Id,
  from: Id,
  fromName: z.string(),
  seq: z.number().int(),
  receivedAt: z.string(),
  incomingHash: z.string(),
  incoming: CaseRecord,
});
export type StoredConflict = z.infer<typeof StoredConflict>;

const KeyPair = z.object({ publicKey: z.string(), privateKey: z.string() });

/** The exchange part of the store (encrypted like every store file): the office's key pairs live only here. */
export const ExchangeState = z.object({
  identity: z.object({ officeId: Id, createdAt: z.string(), signing: KeyPair, agreement: KeyPair }).nullable().default(null),
  trusted: z.array(TrustedOffice).default([]),
  /** Bundles imported, by sender and sequence number: a number seen once is never accepted again. */
  seen: z.array(z.object({ officeId: Id, seq: z.number().int(), bundleId: Id, kind: z.enum(BUNDLE_KINDS), importedAt: z.string() })).default([]),
  sent: z.array(SentBundle).default([]),
  provenance: z.record(z.string(), Provenance).default({}),
  conflicts: z.array(StoredConflict).default([]),
  backup: z.object({ lastAt: z.string().nullable(), remindDays: z.number().int().min(1).max(90) }).default({ lastAt: null, remindDays: 7 }),
});
export type ExchangeState = z.infer<typeof ExchangeState>;

export const ExchangeStatus = z.object({
  office: OfficeRef,
  trusted: z.array(TrustedOffice),
  sent: z.array(SentBundle),
  conflicts: z.number().int(),
  backup: z.object({ lastAt: z.string().nullable(), remindDays: z.number().int(), due: z.boolean() }),
});
export type ExchangeStatus = z.infer<typeof ExchangeStatus>;

export const PreviewRow = z.object({ id: Id, caseNo: z.string(), localCaseNo: z.string().nullable(), receivedDate: z.string(), summary: z.string(), outcome: z.enum(IMPORT_OUTCOMES) });
export type PreviewRow = z.infer<typeof PreviewRow>;

export const ImportPreview = z.object({
  kind: z.enum(BUNDLE_KINDS),
  sender: OfficeRef,
  seq: z.number().int(),
  createdAt: z.string(),
  includesIdentity: z.boolean(),
  counts: OutcomeCounts,
  rows: z.array(PreviewRow),
  /** For a receipt: the bundle it acknowledges. */
  acknowledges: z.object({ seq: z.number().int(), counts: OutcomeCounts }).nullable(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const BundleFile = z.object({ fileName: z.string(), base64: z.string() });
export const ImportResult = z.object({
  kind: z.enum(BUNDLE_KINDS),
  sender: OfficeRef,
  seq: z.number().int(),
  counts: OutcomeCounts,
  /** The 回执 to carry back to the sender (none for a receipt itself). */
  receipt: BundleFile.nullable(),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const ConflictView = z.object({
  caseId: Id,
  localCaseNo: z.string(),
  fromName: z.string(),
  seq: z.number().int(),
  receivedAt: z.string(),
  localUpdatedAt: z.string(),
  incomingUpdatedAt: z.string(),
  differences: z.array(FieldChange),
});
export type ConflictView = z.infer<typeof ConflictView>;

/** 4-digit groups of a key fingerprint, as read over the phone. */
export function formatFingerprint(hex: string): string {
  return hex.slice(0, 32).toUpperCase().match(/.{4}/g)!.join(' ');
}

export function emptyCounts(): OutcomeCounts {
  return { new: 0, updated: 0, unchanged: 0, conflict: 0 };
}
