import { randomUUID } from 'node:crypto';
import type { ReporterInput } from '../../../../shared/domain/case.js';
import type { SentBundle } from '../../../../shared/domain/exchange.js';
import { roleMay } from '../../../../shared/domain/users.js';
import { AppError } from '../../../../shared/errors.js';
import type { BackendContext } from '../../context.js';
import { caseParts, writeBundle } from '../../exchange/bundle.js';
import { provenanceAfter, toExchanged } from '../../exchange/merge.js';
import { openIdentity } from '../../security/identity.js';
import { getCase } from '../cases/cases.js';
import { audited, bundleFileName, filesOf, progress, senderOf, SEQ_COUNTER } from './common.js';
import { ensureIdentity, trustedSender } from './offices.js';

/** 发送交换包: chosen cases (or all) for a trusted office, signed and encrypted; the identity only by a reasoned choice. */

export interface ExportRequest {
  caseIds: string[];
  all: boolean;
  recipientId: string;
  passphrase?: string;
  encryptToRecipient: boolean;
  includeIdentity: boolean;
  identityReason?: string;
}

export async function exportCases(ctx: BackendContext, request: ExportRequest): Promise<{ fileName: string; base64: string; seq: number; caseCount: number }> {
  const identity = await ensureIdentity(ctx);
  const recipient = trustedSender(ctx.store.exchange(), request.recipientId);
  return audited(ctx, 'export', `交换包 → ${recipient?.name ?? request.recipientId}`, async () => {
    if (!recipient) throw new AppError('NOT_FOUND', '接收机关尚未登记：请先在“可信机关”中导入并核对对方的机关密钥');
    const records = request.all ? [...ctx.store.cases.values()] : [...new Set(request.caseIds)].map((id) => getCase(ctx, id));
    if (records.length === 0) throw new AppError('INVALID_INPUT', '请选择要导出的信访件');
    let identities: Record<string, ReporterInput> | null = null;
    if (request.includeIdentity) {
      // The reporter's identity leaves the office only by an explicit, reasoned and logged choice.
      if (!ctx.session.user || !roleMay(ctx.session.user.role, 'identity.reveal')) throw new AppError('FORBIDDEN', '当前用户无权导出检举控告人身份信息');
      if (!request.identityReason || request.identityReason.trim().length < 2) throw new AppError('INVALID_INPUT', '随件移交检举控告人身份须说明理由');
      identities = Object.fromEntries(records.map((r) => [r.id, openIdentity(ctx.session.keys.identity, r)]));
    }
    const cases = records.map(toExchanged);
    const entries = new Map([...caseParts(cases), ...(identities ? [['identities.json', Buffer.from(JSON.stringify(identities))] as const] : []), ...(await filesOf(ctx, records, 'export'))]);
    progress(ctx, 'export', '加密并签名', cases.length, cases.length);
    const seq = await ctx.store.takeNumbers(SEQ_COUNTER);
    const at = ctx.now().toISOString();
    const bundleId = randomUUID();
    const bytes = await writeBundle(
      {
        header: { kind: 'cases', bundleId, sender: senderOf(ctx, identity), recipient: { officeId: recipient.officeId, name: recipient.name }, seq, createdAt: at },
        identity,
        passphrase: request.passphrase,
        recipientAgreementKey: request.encryptToRecipient ? recipient.agreementKey : undefined,
      },
      { caseCount: cases.length, includesIdentity: identities !== null, entries },
    );
    const sent: SentBundle = {
      bundleId,
      seq,
      kind: 'cases',
      recipientId: recipient.officeId,
      recipientName: recipient.name,
      createdAt: at,
      createdBy: ctx.actor(),
      caseCount: cases.length,
      caseNos: records.slice(0, 20).map((r) => r.caseNo),
      includesIdentity: identities !== null,
      acknowledgedAt: null,
      receipt: null,
    };
    await ctx.store.updateExchange((s) => {
      const provenance = { ...s.provenance };
      for (const r of records) provenance[r.id] = provenanceAfter(provenance[r.id], r, provenance[r.id]?.base ?? '', identity.officeId, recipient.officeId, at);
      return { ...s, sent: [...s.sent, sent], provenance };
    });
    const reason = identities ? `；含检举控告人身份，事由：${request.identityReason}` : '；不含检举控告人身份';
    await ctx.audit('export', `交换包第 ${seq} 号 → ${recipient.name}`, 'success', `${cases.length} 件${reason}`);
    ctx.log.info('exchange: bundle exported', { seq, bundleId, cases: cases.length, bytes: bytes.length, identity: identities !== null });
    return { fileName: bundleFileName('交换包', ctx.store.settings().office!.shortName, '至', recipient.name, `第${seq}号`), base64: bytes.toString('base64'), seq, caseCount: cases.length };
  });
}

