import type { ConflictView } from '../../../../shared/domain/exchange.js';
import { AppError } from '../../../../shared/errors.js';
import type { BackendContext } from '../../context.js';
import { provenanceAfter } from '../../exchange/merge.js';
import { getCase } from '../cases/cases.js';
import { describeChanges, inputOf } from '../cases/history.js';
import { localVersion } from './import.js';

/** Conflicts: both versions are kept; a user chooses which one stays, and the choice is written in the history. */

export function listConflicts(ctx: BackendContext): ConflictView[] {
  return ctx.store.exchange().conflicts.map((c) => {
    const local = getCase(ctx, c.caseId);
    const differences = describeChanges(inputOf(local), inputOf(c.incoming));
    if (local.steps.length !== c.incoming.steps.length) differences.push({ field: '办理步骤', before: `${local.steps.length} 步`, after: `${c.incoming.steps.length} 步` });
    return { caseId: c.caseId, localCaseNo: local.caseNo, fromName: c.fromName, seq: c.seq, receivedAt: c.receivedAt, localUpdatedAt: local.updatedAt, incomingUpdatedAt: c.incoming.updatedAt, differences };
  });
}

export async function resolveConflict(ctx: BackendContext, caseId: string, keep: 'local' | 'incoming'): Promise<void> {
  const conflict = ctx.store.exchange().conflicts.find((c) => c.caseId === caseId);
  if (!conflict) throw new AppError('NOT_FOUND', '该信访件没有待处理的交换冲突');
  const local = getCase(ctx, caseId);
  if (keep === 'incoming' && local.archive) {
    throw new AppError('CONFLICT', `${local.caseNo} 已存档（卷号 ${local.archive.volumeNo}），案卷只读，不能采用交换包的版本；如确需采用，请管理员先撤销存档`);
  }
  const at = ctx.now().toISOString();
  const summary = keep === 'incoming' ? `交换冲突处理：采用${conflict.fromName}第 ${conflict.seq} 号交换包的版本` : `交换冲突处理：保留本机版本，未采用${conflict.fromName}第 ${conflict.seq} 号交换包的版本`;
  const entry = { at, actor: ctx.actor(), action: 'import' as const, summary, changes: [] };
  const record = keep === 'incoming' ? localVersion(conflict.incoming, local.caseNo, conflict.incoming.identity, entry) : { ...local, updatedAt: at, history: [...local.history, entry] };
  await ctx.store.transaction(async () => {
    await ctx.store.cases.put(record);
    await ctx.store.updateExchange((s) => {
      const provenance = { ...s.provenance, [caseId]: provenanceAfter(s.provenance[caseId], conflict.incoming, conflict.incomingHash, conflict.from, conflict.from, at) };
      return { ...s, provenance, conflicts: s.conflicts.filter((c) => c.caseId !== caseId) };
    });
  });
  ctx.ledger.update(record);
  ctx.emit('cases.changed', { ids: [caseId] });
  await ctx.audit('import', `${local.caseNo}（${caseId}）`, 'success', summary);
}
