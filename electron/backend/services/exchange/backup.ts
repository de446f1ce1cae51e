import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CaseRecord, ReporterInput } from '../../../../shared/domain/case.js';
import { ExchangeState } from '../../../../shared/domain/exchange.js';
import { FieldVisit, HouseholdVisit } from '../../../../shared/domain/visits.js';
import { Settings } from '../../../../shared/domain/office.js';
import { RegistryEntry } from '../../../../shared/documents/registry.js';
import { AppError } from '../../../../shared/errors.js';
import type { BackendContext } from '../../context.js';
import { attachmentsOf, caseParts, casesOf, identitiesOf, openBundle, parseEntry, writeBundle } from '../../exchange/bundle.js';
import { toExchanged } from '../../exchange/merge.js';
import { isSealed, openIdentity, sealIdentity } from '../../security/identity.js';
import { ensureIdentity } from './offices.js';
import { audited, filesOf, progress, putFiles, senderOf, SEQ_COUNTER } from './common.js';

/**
 * 备份与恢复: the whole office — settings, 文号 registry, counters, exchange state (with the office's key pairs),
 * every case with its reporter's identity and files — in one bundle under a passphrase, signed by the office.
 * 带信下访 and 入户走访 records come along. Restoring goes into an empty installation (after its administrator is created); identities are re-sealed
 * under the new installation's key. User accounts are not carried: the administrator creates them again.
 */
const DAY_MS = 24 * 60 * 60 * 1000;

const Conflict = ExchangeState.shape.conflicts.unwrap().element;
const BackupState = z.object({
  settings: Settings,
  registry: z.array(RegistryEntry),
  counters: z.record(z.string(), z.number().int().nonnegative()),
  exchange: ExchangeState.extend({ conflicts: z.array(Conflict.extend({ incoming: CaseRecord.omit({ identity: true }).extend({ identity: ReporterInput }) })) }),
  /** 带信下访 and 入户走访 (no reporter identities in them). */
  fieldVisits: z.array(FieldVisit).default([]),
  householdVisits: z.array(HouseholdVisit).default([]),
});

export function backupDue(ctx: BackendContext): boolean {
  const { lastAt, remindDays } = ctx.store.exchange().backup;
  if (!lastAt) return ctx.store.cases.size > 0;
  return ctx.now().getTime() - Date.parse(lastAt) >= remindDays * DAY_MS;
}

export async function createBackup(ctx: BackendContext, passphrase: string): Promise<{ fileName: string; base64: string; caseCount: number }> {
  return audited(ctx, 'export', '完整备份', async () => {
    const identity = await ensureIdentity(ctx);
    const keys = ctx.session.keys;
    const records = [...ctx.store.cases.values()];
    const identities = Object.fromEntries(records.map((r) => [r.id, openIdentity(keys.identity, r)]));
    const state = ctx.store.exchange();
    const backupState: z.infer<typeof BackupState> = {
      settings: ctx.store.settings(),
      registry: [...ctx.store.registry()],
      counters: { ...ctx.store.counters() },
      exchange: { ...state, conflicts: state.conflicts.map((c) => ({ ...c, incoming: { ...c.incoming, identity: openIdentity(keys.identity, c.incoming) } })) },
      fieldVisits: [...ctx.store.fieldVisits.values()],
      householdVisits: [...ctx.store.householdVisits.values()],
    };
    const entries = new Map([
      ['state.json', Buffer.from(JSON.stringify(backupState))],
      ...caseParts(records.map(toExchanged)),
      ['identities.json', Buffer.from(JSON.stringify(identities))],
      ...(await filesOf(ctx, records, 'backup')),
    ]);
    progress(ctx, 'backup', '加密并签名', records.length, records.length);
    const seq = await ctx.store.takeNumbers(SEQ_COUNTER);
    const at = ctx.now().toISOString();
    const self = { officeId: identity.officeId, name: ctx.store.settings().office!.fullName };
    const bytes = await writeBundle(
      { header: { kind: 'backup', bundleId: randomUUID(), sender: senderOf(ctx, identity), recipient: self, seq, createdAt: at }, identity, passphrase },
      { caseCount: records.length, includesIdentity: true, entries },
    );
    await ctx.store.updateExchange((s) => ({ ...s, backup: { ...s.backup, lastAt: at } }));
    await ctx.audit('export', '完整备份', 'success', `${records.length} 件（含检举控告人身份），${Math.round(bytes.length / 1024)} KB`);
    return { fileName: `备份-${ctx.store.settings().office!.shortName}-${at.slice(0, 10)}.xfb`, base64: bytes.toString('base64'), caseCount: records.length };
  });
}

export async function restoreBackup(ctx: BackendContext, bytes: Buffer, passphrase: string): Promise<{ cases: number }> {
  return audited(ctx, 'import', '从备份恢复', async () => {
    if (ctx.store.cases.size > 0 || ctx.store.settings().office) throw new AppError('CONFLICT', '只能恢复到空白的安装中（尚未设置本机关、没有信访件）；本机数据未作任何更改');
    const bundle = await openBundle(bytes, {
      passphrase,
      // A backup is self-contained: its signature is checked with the key it carries, its authenticity with the passphrase.
      signingKeyFor(header) {
        if (header.kind !== 'backup') throw new AppError('INVALID_INPUT', '所选文件不是备份文件（是交换包或回执）');
        return header.sender.signingKey;
      },
    });
    const state = parseEntry(bundle, 'state.json', BackupState);
    if (!state.exchange.identity || state.exchange.identity.signing.publicKey !== bundle.header.sender.signingKey) {
      throw new AppError('INVALID_INPUT', '备份文件的签名密钥与其中的机关密钥不符，已拒绝恢复', 'backup signer differs from the identity inside');
    }
    const identities = identitiesOf(bundle);
    const identityKey = ctx.session.keys.identity;
    const reseal = (id: string, identity: ReporterInput | undefined) => sealIdentity(identityKey, id, identity ?? { realName: false, persons: [] });
    const records: CaseRecord[] = casesOf(bundle).map(({ realName, ...fields }) => ({ ...fields, identity: reseal(fields.id, identities[fields.id] ?? { realName, persons: [] }) }));
    progress(ctx, 'restore', '写入附件', 0, records.length);
    await putFiles(ctx, attachmentsOf(bundle));
    const conflicts = state.exchange.conflicts.map((c) => ({ ...c, incoming: { ...c.incoming, identity: isSealed(c.incoming.identity) ? c.incoming.identity : reseal(c.caseId, c.incoming.identity) } }));
    await ctx.store.transaction(async () => {
      await ctx.store.updateSettings(() => state.settings);
      await ctx.store.restoreRegistry(state.registry);
      await ctx.store.raiseCounters(state.counters);
      await ctx.store.cases.put(...records);
      await ctx.store.fieldVisits.put(...state.fieldVisits);
      await ctx.store.householdVisits.put(...state.householdVisits);
      await ctx.store.updateExchange(() => ({ ...state.exchange, conflicts }));
    });
    records.forEach((r) => ctx.ledger.update(r));
    ctx.emit('settings.changed', ctx.store.settings());
    ctx.emit('cases.changed', { ids: records.map((r) => r.id) });
    progress(ctx, 'restore', '完成', records.length, records.length);
    await ctx.audit('import', '从备份恢复', 'success', `${state.settings.office?.fullName ?? ''}：${records.length} 件，备份时间 ${bundle.header.createdAt}`);
    return { cases: records.length };
  });
}
