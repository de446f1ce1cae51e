import { secondVisitDue } from '../../../../shared/domain/aftercare.js';
import { archiveCounterKey, archiveProblems, formatVolumeNo, type ArchiveRow, type CaseArchive } from '../../../../shared/domain/archive.js';
import { statusOfStage } from '../../../../shared/domain/case.js';
import { AppError } from '../../../../shared/errors.js';
import type { BackendContext } from '../../context.js';
import type { Handlers } from '../../dispatch.js';
import { localIsoDate } from '../../time.js';
import { checkFresh, getCase, refuseIfArchived, saveCase } from '../cases/cases.js';

/** 存档: a concluded case into the archive (卷号 per year), the 档案 list, and the administrator's 撤销存档. */
export function archiveHandlers(ctx: BackendContext): Pick<Handlers, 'archive.close' | 'archive.reopen' | 'archive.list'> {
  return {
    async 'archive.close'({ id, expectedUpdatedAt, archive }) {
      const current = getCase(ctx, id);
      checkFresh(current, expectedUpdatedAt);
      await refuseIfArchived(ctx, current, '再次存档');
      const state = ctx.view.state(current);
      const closedOn = state.steps.findLast((s) => s.kind === 'close')?.at ?? null;
      const problems = archiveProblems(archive, { stage: state.stage, archived: false, closedOn, today: localIsoDate(ctx.now()), secondVisitOwed: secondVisitDue(current.returnVisits) !== null });
      if (problems.length) throw new AppError('INVALID_INPUT', problems.join('；'));
      const year = Number(archive.date.slice(0, 4));
      // The counter is saved before the number is used, so a 卷号 is never given out twice.
      const serial = await ctx.store.takeNumbers(archiveCounterKey(year));
      const record: CaseArchive = { ...archive, year, serial, volumeNo: formatVolumeNo(year, serial), recordedAt: ctx.now().toISOString(), recordedBy: ctx.actor() };
      const detail = await saveCase(ctx, current, { archive: record }, {
        action: 'archive',
        summary: `存档，卷号 ${record.volumeNo}（保管期限 ${record.retention}，${record.pages} 页，立卷人 ${record.by}）`,
        changes: [{ field: '状态', before: current.status, after: '已存档' }],
      });
      await ctx.audit('archive', `${current.caseNo}（${id}）`, 'success', `卷号 ${record.volumeNo}`);
      return detail;
    },

    async 'archive.reopen'({ id, expectedUpdatedAt, reason }) {
      const current = getCase(ctx, id);
      checkFresh(current, expectedUpdatedAt);
      const archived = current.archive;
      if (!archived) throw new AppError('INVALID_INPUT', '该件未存档，无需撤销');
      const after = statusOfStage(ctx.view.stage(current));
      const detail = await saveCase(ctx, current, { archive: null }, {
        action: 'archive',
        summary: `撤销存档（原卷号 ${archived.volumeNo}，卷号不再使用），理由：${reason}`,
        changes: [{ field: '状态', before: '已存档', after }],
      });
      await ctx.audit('archive.undo', `${current.caseNo}（${id}）`, 'success', `原卷号 ${archived.volumeNo}；理由：${reason}`);
      return detail;
    },

    async 'archive.list'({ year }) {
      const years = new Set<number>();
      const rows: ArchiveRow[] = [];
      const wanted = year ?? Number(localIsoDate(ctx.now()).slice(0, 4));
      for (const record of ctx.store.cases.values()) {
        if (!record.archive) continue;
        years.add(record.archive.year);
        if (record.archive.year !== wanted) continue;
        const accused = record.accused.map((a) => (a.type === 'unit' ? a.name : [a.unit, a.post, a.name].filter(Boolean).join(''))).join('、');
        rows.push({ id: record.id, caseNo: record.caseNo, receivedDate: record.receivedDate, summary: record.summary.length > 80 ? `${record.summary.slice(0, 80)}…` : record.summary, accused, archive: record.archive });
      }
      rows.sort((a, b) => a.archive.serial - b.archive.serial);
      return { years: [...years].sort((a, b) => b - a), rows };
    },
  };
}
