import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { caseNoCounterKey, formatCaseNo } from '../../../../shared/domain/case-number.js';
import type { CaseRecord, HistoryEntry, ReporterInput } from '../../../../shared/domain/case.js';
import { emptyCounts, OutcomeCounts, type ImportOutcome, type ImportPreview, type ImportResult, type PreviewRow, type Provenance } from '../../../../shared/domain/exchange.js';
import { AppError } from '../../../../shared/errors.js';
import type { BackendContext } from '../../context.js';
import { attachmentsOf, casesOf, identitiesOf, openBundle, parseEntry, writeBundle, type OpenedBundle } from '../../exchange/bundle.js';
import type { ContainerLimits } from '../../exchange/container.js';
import { classify, contentHash, provenanceAfter, type ExchangedCase } from '../../exchange/merge.js';
import { sealIdentity } from '../../security/identity.js';
import { audited, breathe, bundleFileName, progress, putFiles, senderOf, SEQ_COUNTER } from './common.js';
import { ensureIdentity, trustedSender } from './offices.js';

/** 导入: verify before opening, preview, merge all or nothing, and the 回执 both ways. */

const PREVIEW_ROWS = 1000;

/** Verifies a bundle from a trusted office addressed to this one and not seen before; nothing is written. */
async function openIncoming(ctx: BackendContext, bytes: Buffer, passphrase: string | undefined, limits?: ContainerLimits): Promise<OpenedBundle> {
  const identity = await ensureIdentity(ctx);
  const state = ctx.store.exchange();
  return openBundle(bytes, {
    limits,
    passphrase,
    agreement: identity.agreement,
    signingKeyFor(header) {
      if (header.kind === 'backup') throw new AppError('INVALID_INPUT', '这是备份文件，不是交换包：请在“备份与恢复”中使用');
      const sender = trustedSender(state, header.sender.officeId);
      if (!sender) throw new AppError('FORBIDDEN', `发送机关“${header.sender.name}”不在本机的可信机关中：请先导入对方的机关密钥文件并电话核对指纹，未导入任何内容`);
      if (sender.signingKey !== header.sender.signingKey) throw new AppError('FORBIDDEN', `交换包所用的密钥与登记的“${sender.name}”密钥不符，已拒绝导入`);
      return sender.signingKey;
    },
    checkHeader(header) {
      if (header.recipient.officeId !== identity.officeId) throw new AppError('FORBIDDEN', `该交换包是发给“${header.recipient.name}”的，不是本机关，未导入任何内容`);
      const seen = state.seen.find((s) => s.officeId === header.sender.officeId && s.seq === header.seq);
      if (seen) {
        throw new AppError(
          'CONFLICT',
          seen.bundleId === header.bundleId
            ? `该${header.kind === 'receipt' ? '回执' : '交换包'}（${header.sender.name} 第 ${header.seq} 号）已于 ${seen.importedAt.slice(0, 10)} 导入过，本次未作任何更改`
            : `序号重复：${header.sender.name} 第 ${header.seq} 号已导入过另一个交换包（可能是重放或伪造），已拒绝导入`,
        );
      }
    },
  });
}

interface CasePlan {
  bundle: OpenedBundle;
  items: { incoming: ExchangedCase; hash: string; local: CaseRecord | undefined; outcome: ImportOutcome }[];
  identities: Record<string, ReporterInput>;
  counts: OutcomeCounts;
}

async function planCases(ctx: BackendContext, bundle: OpenedBundle): Promise<CasePlan> {
  const state = ctx.store.exchange();
  const counts = emptyCounts();
  const items: CasePlan['items'] = [];
  const parts = [...bundle.entries.keys()].filter((n) => n.startsWith('cases/')).sort();
  for (const part of parts) {
    for (const incoming of casesOf(bundle, part)) {
      const local = ctx.store.cases.get(incoming.id);
      // Only a case this office already has needs its hash (to compare); a new one is taken as it is.
      const hash = local ? contentHash(incoming) : '';
      const classified = classify(local, incoming, state.provenance[incoming.id], hash);
      // An archived case is read-only: a newer version from another office waits as a conflict for a person to decide.
      const outcome = classified === 'updated' && local?.archive ? 'conflict' : classified;
      counts[outcome] += 1;
      items.push({ incoming, hash, local, outcome });
    }
    await breathe();
  }
  if (items.length !== bundle.manifest.caseCount) throw new AppError('INVALID_INPUT', '交换包内容与其清单不符（可能被篡改），已拒绝导入', 'case count differs from the manifest');
  return { bundle, items, identities: identitiesOf(bundle), counts };
}

const Receipt = z.object({ acknowledges: z.object({ bundleId: z.string(), seq: z.number().int(), hash: z.string() }), counts: OutcomeCounts });

export async function previewImport(ctx: BackendContext, bytes: Buffer, passphrase?: string): Promise<ImportPreview> {
  return audited(ctx, 'import', '交换包（预览）', async () => {
    const bundle = await openIncoming(ctx, bytes, passphrase);
    const { header } = bundle;
    const sender = { officeId: header.sender.officeId, name: header.sender.name, fingerprint: trustedSender(ctx.store.exchange(), header.sender.officeId)!.fingerprint };
    const base = { kind: header.kind, sender, seq: header.seq, createdAt: header.createdAt, includesIdentity: bundle.manifest.includesIdentity };
    if (header.kind === 'receipt') {
      const receipt = parseEntry(bundle, 'receipt.json', Receipt);
      return { ...base, counts: emptyCounts(), rows: [], acknowledges: { seq: receipt.acknowledges.seq, counts: receipt.counts } };
    }
    const plan = await planCases(ctx, bundle);
    const order: ImportOutcome[] = ['conflict', 'new', 'updated', 'unchanged'];
    const rows: PreviewRow[] = plan.items
      .map(({ incoming, local, outcome }) => ({ id: incoming.id, caseNo: incoming.caseNo, localCaseNo: local?.caseNo ?? null, receivedDate: incoming.receivedDate, summary: incoming.summary.slice(0, 80), outcome }))
      .sort((a, b) => order.indexOf(a.outcome) - order.indexOf(b.outcome))
      .slice(0, PREVIEW_ROWS);
    return { ...base, counts: plan.counts, rows, acknowledges: null };
  });
}

/**
 * The local record for an incoming version: this office's number and sealed identity. The loop's steps, the status
 * they give and the deadlines already fixed travel as they are: a verdict once fixed is not rewritten by another
 * office's calendar (open deadlines are computed on reading, under this office's rules).
 */
export function localVersion(incoming: ExchangedCase | CaseRecord, caseNo: string, identity: CaseRecord['identity'], entry?: HistoryEntry): CaseRecord {
  const { realName: _realName, identity: _identity, ...fields } = incoming as ExchangedCase & Partial<CaseRecord>;
  return entry ? { ...fields, caseNo, identity, updatedAt: entry.at, history: [...fields.history, entry] } : { ...fields, caseNo, identity };
}

export async function importBundle(ctx: BackendContext, bytes: Buffer, passphrase?: string, limits?: ContainerLimits): Promise<ImportResult> {
  return audited(ctx, 'import', '交换包', async () => {
    const bundle = await openIncoming(ctx, bytes, passphrase, limits);
    const { header } = bundle;
    const trusted = trustedSender(ctx.store.exchange(), header.sender.officeId)!;
    const sender = { officeId: trusted.officeId, name: header.sender.name, fingerprint: trusted.fingerprint };
    const seen = { officeId: header.sender.officeId, seq: header.seq, bundleId: header.bundleId, kind: header.kind, importedAt: ctx.now().toISOString() };
    if (header.kind === 'receipt') {
      const receipt = parseEntry(bundle, 'receipt.json', Receipt);
      const sent = ctx.store.exchange().sent.find((s) => s.bundleId === receipt.acknowledges.bundleId);
      if (!sent) throw new AppError('NOT_FOUND', `回执对应的交换包（第 ${receipt.acknowledges.seq} 号）不在本机的发送记录中，未导入`);
      await ctx.store.updateExchange((s) => ({
        ...s,
        seen: [...s.seen, seen],
        sent: s.sent.map((x) => (x.bundleId === sent.bundleId ? { ...x, acknowledgedAt: seen.importedAt, receipt: receipt.counts } : x)),
      }));
      await ctx.audit('import', `回执：${trusted.name} 第 ${header.seq} 号`, 'success', `确认收到本机交换包第 ${sent.seq} 号`);
      return { kind: 'receipt', sender, seq: header.seq, counts: receipt.counts, receipt: null };
    }
    // Files first, while the cases are checked: named by content, a file written by an import that then fails is
    // never referenced by anything.
    const filesWritten = putFiles(ctx, attachmentsOf(bundle));
    filesWritten.catch(() => undefined);
    const plan = await planCases(ctx, bundle);
    progress(ctx, 'import', '合并', 0, plan.items.length);
    await filesWritten;
    const { records, receiptBytes } = await ctx.store.transaction(async () => {
      const written = await applyPlan(ctx, plan, trusted.name, seen);
      const receiptBytes = await writeReceipt(ctx, bundle, plan.counts);
      return { records: written, receiptBytes };
    });
    records.forEach((r) => ctx.ledger.update(r));
    if (records.length) ctx.emit('cases.changed', { ids: records.map((r) => r.id) });
    const { counts } = plan;
    await ctx.audit('import', `交换包：${trusted.name} 第 ${header.seq} 号`, 'success', `新增 ${counts.new}，更新 ${counts.updated}，无变化 ${counts.unchanged}，冲突 ${counts.conflict}${bundle.manifest.includesIdentity ? '；含检举控告人身份' : ''}`);
    ctx.log.info('exchange: bundle imported', { seq: header.seq, bundleId: header.bundleId, ...counts });
    progress(ctx, 'import', '完成', plan.items.length, plan.items.length);
    return {
      kind: 'cases',
      sender,
      seq: header.seq,
      counts,
      receipt: { fileName: bundleFileName('回执', ctx.store.settings().office!.shortName, '至', trusted.name, `第${header.seq}号`), base64: receiptBytes.toString('base64') },
    };
  });
}

/** Inside the import's transaction: new numbers, merged records, conflicts kept aside, provenance and the seen number. */
async function applyPlan(ctx: BackendContext, plan: CasePlan, senderName: string, seen: { officeId: string; seq: number; bundleId: string; kind: 'cases' | 'receipt' | 'backup'; importedAt: string }): Promise<CaseRecord[]> {
  const at = seen.importedAt;
  const office = ctx.store.settings().office!;
  const identityKey = ctx.session.keys.identity;
  const entry = (incoming: ExchangedCase, what: string): HistoryEntry => ({ at, actor: ctx.actor(), action: 'import', summary: `${what}：自${senderName}交换包第 ${seen.seq} 号（来源编号 ${incoming.caseNo}）`, changes: [] });
  const sealedFor = (incoming: ExchangedCase, fallback?: CaseRecord['identity']) => {
    const included = plan.identities[incoming.id];
    if (included) return sealIdentity(identityKey, incoming.id, included);
    return fallback ?? sealIdentity(identityKey, incoming.id, { realName: incoming.realName, persons: [] });
  };
  const state = ctx.store.exchange();
  const provenance: Record<string, Provenance> = { ...state.provenance };
  const conflicts = state.conflicts.filter((c) => !plan.items.some((i) => i.outcome === 'conflict' && i.incoming.id === c.caseId));
  const records: CaseRecord[] = [];
  const remember = (incoming: ExchangedCase, hash: string) => {
    provenance[incoming.id] = provenanceAfter(provenance[incoming.id], incoming, hash, seen.officeId, seen.officeId, at);
  };
  // New cases get this office's numbers, taken in one go per counter: one save of the counters, not one per case.
  const dated = plan.items.filter((i) => i.outcome === 'new').map(({ incoming }) => {
    const [year, month, day] = incoming.receivedDate.split('-').map(Number) as [number, number, number];
    return { id: incoming.id, date: { year, month, day }, key: `caseNo:${caseNoCounterKey(office.caseNoPattern, year)}` };
  });
  const next = new Map<string, number>();
  for (const key of new Set(dated.map((d) => d.key))) next.set(key, await ctx.store.takeNumbers(key, dated.filter((d) => d.key === key).length));
  const numbers = new Map(
    dated.map(({ id, date, key }) => {
      const serial = next.get(key)!;
      next.set(key, serial + 1);
      return [id, formatCaseNo(office.caseNoPattern, date, serial)];
    }),
  );
  for (const { incoming, hash, local, outcome } of plan.items) {
    switch (outcome) {
      case 'new': {
        const record = localVersion(incoming, numbers.get(incoming.id)!, sealedFor(incoming), entry(incoming, '交换导入'));
        records.push(record);
        remember(incoming, hash);
        break;
      }
      case 'updated': {
        const record = localVersion(incoming, local!.caseNo, sealedFor(incoming, local!.identity), entry(incoming, '交换更新'));
        records.push(record);
        remember(incoming, hash);
        break;
      }
      case 'unchanged':
        break;
      case 'conflict':
        conflicts.push({ caseId: incoming.id, from: seen.officeId, fromName: senderName, seq: seen.seq, receivedAt: at, incomingHash: hash, incoming: localVersion(incoming, local!.caseNo, sealedFor(incoming, local!.identity)) });
        break;
    }
    if (records.length % 1000 === 0 && records.length) {
      progress(ctx, 'import', '合并', records.length, plan.items.length);
      await breathe();
    }
  }
  progress(ctx, 'import', '写入', records.length, plan.items.length);
  await ctx.store.cases.put(...records);
  await ctx.store.updateExchange((s) => ({ ...s, seen: [...s.seen, seen], provenance, conflicts }));
  return records;
}

async function writeReceipt(ctx: BackendContext, bundle: OpenedBundle, counts: OutcomeCounts): Promise<Buffer> {
  const identity = await ensureIdentity(ctx);
  const sender = trustedSender(ctx.store.exchange(), bundle.header.sender.officeId)!;
  const seq = await ctx.store.takeNumbers(SEQ_COUNTER);
  const receipt: z.infer<typeof Receipt> = { acknowledges: { bundleId: bundle.header.bundleId, seq: bundle.header.seq, hash: bundle.hash }, counts };
  return writeBundle(
    {
      header: { kind: 'receipt', bundleId: randomUUID(), sender: senderOf(ctx, identity), recipient: { officeId: sender.officeId, name: sender.name }, seq, createdAt: ctx.now().toISOString() },
      identity,
      recipientAgreementKey: sender.agreementKey,
    },
    { caseCount: 0, includesIdentity: false, entries: new Map([['receipt.json', Buffer.from(JSON.stringify(receipt))]]) },
  );
}

