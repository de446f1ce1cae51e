import { accusedLine, type CaseRecord } from '../../../shared/domain/case.js';
import { checkTaskForce, difficultStatus, type DifficultCase, type DifficultRow, type DifficultView } from '../../../shared/domain/difficult.js';
import { AppError } from '../../../shared/errors.js';
import type { BackendContext } from '../context.js';
import type { Handlers } from '../dispatch.js';
import { localIsoDate } from '../time.js';
import { checkFresh, getCase, saveCase } from './cases/cases.js';

/**
 * 重点疑难件 and 化解专班. The record lives on the first case of a repeat chain, so every copy shows the same task
 * force; each change is a history entry of that case.
 */
export function difficultHandlers(
  ctx: BackendContext,
): Pick<Handlers, 'difficult.get' | 'difficult.flag' | 'difficult.unflag' | 'difficult.update' | 'difficult.record' | 'difficult.resolve' | 'difficult.list'> {
  const today = () => localIsoDate(ctx.now());
  const firstOf = (id: string) => {
    const record = getCase(ctx, id);
    return record.repeatOf ? getCase(ctx, record.repeatOf.id) : record;
  };
  const chainCount = (first: CaseRecord) => {
    let n = 1;
    for (const r of ctx.store.cases.values()) if (r.repeatOf?.id === first.id) n++;
    return n;
  };
  const view = (first: CaseRecord): DifficultView => ({
    caseId: first.id,
    caseNo: first.caseNo,
    updatedAt: first.updatedAt,
    chainCount: chainCount(first),
    record: first.difficult,
    status: first.difficult ? difficultStatus(first.difficult, today()) : null,
  });
  /** The chain's first case, fresh and flagged, for a change to its record. */
  const flagged = (id: string, expectedUpdatedAt: string): CaseRecord & { difficult: DifficultCase } => {
    const first = firstOf(id);
    checkFresh(first, expectedUpdatedAt);
    if (!first.difficult) throw new AppError('INVALID_INPUT', `${first.caseNo} 未列为重点疑难件`);
    return first as CaseRecord & { difficult: DifficultCase };
  };
  const save = async (first: CaseRecord, difficult: DifficultCase | null, summary: string) => {
    await saveCase(ctx, first, { difficult }, { action: 'difficult', summary });
    return view(getCase(ctx, first.id));
  };

  return {
    async 'difficult.get'({ id }) {
      return view(firstOf(id));
    },
    async 'difficult.flag'({ id, reason }) {
      const first = firstOf(id);
      if (first.difficult) throw new AppError('CONFLICT', `${first.caseNo} 已列为重点疑难件`);
      const difficult: DifficultCase = { flaggedAt: ctx.now().toISOString(), flaggedBy: ctx.actor(), reason, taskForce: null, realDemand: '', activities: [], resolution: null };
      return save(first, difficult, `列为重点疑难件（理由：${reason}）`);
    },
    async 'difficult.unflag'({ id, expectedUpdatedAt, reason }) {
      const first = flagged(id, expectedUpdatedAt);
      if (first.difficult.activities.length || first.difficult.resolution) {
        throw new AppError('CONFLICT', '专班已开展工作的，不能撤销重点疑难件；如已化解，请登记化解情况');
      }
      return save(first, null, `撤销重点疑难件（理由：${reason}）`);
    },
    async 'difficult.update'({ id, expectedUpdatedAt, taskForce, realDemand }) {
      const first = flagged(id, expectedUpdatedAt);
      const d = first.difficult;
      if (d.resolution) throw new AppError('CONFLICT', '已登记化解情况，专班信息不再修改');
      const changes: string[] = [];
      let next = d;
      if (taskForce) {
        const problem = checkTaskForce(taskForce, first.receivedDate, today());
        if (problem) throw new AppError('INVALID_INPUT', problem);
        const members = [...new Set(taskForce.members.filter((m) => m !== taskForce.lead))];
        if (members.length === 0) throw new AppError('INVALID_INPUT', '专班除组长外至少还应有一名成员');
        next = { ...next, taskForce: { ...taskForce, members } };
        changes.push(d.taskForce ? `调整化解专班（组长 ${taskForce.lead}，期限 ${taskForce.deadline}）` : `组建化解专班（组长 ${taskForce.lead}，成员 ${members.join('、')}，期限 ${taskForce.deadline}）`);
      }
      if (realDemand !== undefined && realDemand !== d.realDemand) {
        next = { ...next, realDemand };
        changes.push(`真实诉求：${realDemand || '（清空）'}`);
      }
      if (!changes.length) return view(first);
      return save(first, next, changes.join('；'));
    },
    async 'difficult.record'({ id, expectedUpdatedAt, activity }) {
      const first = flagged(id, expectedUpdatedAt);
      const d = first.difficult;
      if (!d.taskForce) throw new AppError('INVALID_INPUT', '请先组建化解专班，再记录专班工作');
      if (activity.date < d.taskForce.formedOn) throw new AppError('INVALID_INPUT', `${activity.kind}日期不能早于专班组建日期 ${d.taskForce.formedOn}`);
      if (activity.date > today()) throw new AppError('INVALID_INPUT', `${activity.kind}日期不能晚于今天`);
      const entry = { ...activity, recordedBy: ctx.actor(), recordedAt: ctx.now().toISOString() };
      const activities = [...d.activities, entry].sort((a, b) => a.date.localeCompare(b.date));
      return save(first, { ...d, activities }, `专班${activity.kind}（${activity.date}）：${activity.content.slice(0, 60)}`);
    },
    async 'difficult.resolve'({ id, expectedUpdatedAt, resolution }) {
      const first = flagged(id, expectedUpdatedAt);
      const d = first.difficult;
      if (!d.taskForce) throw new AppError('INVALID_INPUT', '请先组建化解专班');
      if (d.resolution) throw new AppError('CONFLICT', '已登记过化解情况');
      if (!d.realDemand.trim()) throw new AppError('INVALID_INPUT', '请先写明查明的真实诉求');
      if (resolution.date < d.taskForce.formedOn || resolution.date > today()) throw new AppError('INVALID_INPUT', `化解日期应在专班组建日期 ${d.taskForce.formedOn} 至今天之间`);
      return save(first, { ...d, resolution }, `化解完毕（${resolution.date}，检举控告人${resolution.satisfaction}）：${resolution.content.slice(0, 60)}`);
    },
    async 'difficult.list'() {
      const counts = new Map<string, number>();
      for (const r of ctx.store.cases.values()) if (r.repeatOf) counts.set(r.repeatOf.id, (counts.get(r.repeatOf.id) ?? 0) + 1);
      const rows: DifficultRow[] = [];
      for (const r of ctx.store.cases.values()) {
        const d = r.difficult;
        if (!d) continue;
        rows.push({
          caseId: r.id,
          caseNo: r.caseNo,
          accused: accusedLine(r.accused),
          chainCount: 1 + (counts.get(r.id) ?? 0),
          flaggedAt: d.flaggedAt,
          lead: d.taskForce?.lead ?? '',
          deadline: d.taskForce?.deadline ?? '',
          status: difficultStatus(d, today()),
          activities: d.activities.length,
          realDemand: d.realDemand,
          satisfaction: d.resolution?.satisfaction ?? null,
        });
      }
      const order = { 逾期未化解: 0, 待组建专班: 1, 化解中: 2, 已化解: 3 };
      return rows.sort((a, b) => order[a.status] - order[b.status] || (a.deadline || '9').localeCompare(b.deadline || '9') || b.flaggedAt.localeCompare(a.flaggedAt));
    },
  };
}
