import { randomUUID } from 'node:crypto';
import { caseNoCounterKey, formatCaseNo } from '../../../../shared/domain/case-number.js';
import { archivedRefusal } from '../../../../shared/domain/archive.js';
import { checkCaseInput, statusOfCase, type CaseDetail, type CaseInput, type CaseRecord, type HistoryEntry } from '../../../../shared/domain/case.js';
import { AppError } from '../../../../shared/errors.js';
import type { BackendContext } from '../../context.js';
import type { Handlers } from '../../dispatch.js';
import { localIsoDate } from '../../time.js';
import { maskedOf, openIdentity, sealIdentity } from '../../security/identity.js';
import { describeChanges, inputOf } from './history.js';

export function toDetail(ctx: BackendContext, record: CaseRecord): CaseDetail {
  const { identity, ...rest } = record;
  return {
    ...rest,
    deadlines: ctx.view.deadlines(record),
    reporter: maskedOf(identity),
    stage: ctx.view.stage(record),
    allowedSteps: ctx.view.allowedSteps(record),
    alert: ctx.view.alert(record),
  };
}

/** Cross-field rules and attachment references, checked before anything is written. */
async function checkInput(ctx: BackendContext, input: CaseInput, known: CaseRecord['attachments'] = [], reporterUnchanged = false): Promise<CaseInput> {
  const issues = checkCaseInput(input, localIsoDate(ctx.now())).filter((i) => !(reporterUnchanged && i.path.startsWith('reporter')));
  if (issues.length) throw new AppError('INVALID_INPUT', issues.map((i) => i.message).join('；'), `fields: ${issues.map((i) => i.path).join(', ')}`);
  for (const a of input.attachments) {
    if (known.some((k) => k.id === a.id && k.sha256 === a.sha256)) continue;
    if (!(await ctx.store.attachments.has(a.sha256))) throw new AppError('INVALID_INPUT', `附件“${a.name}”尚未上传或已丢失，请重新上传`);
  }
  const idNumbers = input.reporter.persons.map((p) => ({ ...p, idNumber: p.idNumber.toUpperCase() }));
  return { ...input, reporter: { ...input.reporter, persons: idNumbers } };
}

export function getCase(ctx: BackendContext, id: string): CaseRecord {
  const record = ctx.store.cases.get(id);
  if (!record) throw new AppError('NOT_FOUND', '未找到该信访件，可能已被删除或编号有误');
  return record;
}

export async function createCases(ctx: BackendContext, inputs: CaseInput[], actor: string, summary = '登记'): Promise<CaseRecord[]> {
  const office = ctx.store.settings().office;
  if (!office) throw new AppError('NOT_SET_UP', '请先完成初始设置（本机关信息与编号规则）');
  const at = ctx.now().toISOString();
  const dated = inputs.map((input) => {
    const [year, month, day] = input.receivedDate.split('-').map(Number) as [number, number, number];
    return { input, date: { year, month, day }, key: `caseNo:${caseNoCounterKey(office.caseNoPattern, year)}` };
  });
  const next = new Map<string, number>();
  for (const key of new Set(dated.map((d) => d.key))) {
    next.set(key, await ctx.store.takeNumbers(key, dated.filter((d) => d.key === key).length));
  }
  const records = dated.map(({ input, date, key }): CaseRecord => {
    const serial = next.get(key)!;
    next.set(key, serial + 1);
    const { reporter, ...fields } = input;
    const history: HistoryEntry[] = [{ at, actor, action: 'register', summary, changes: [] }];
    const id = randomUUID();
    const identity = sealIdentity(ctx.session.keys.identity, id, reporter);
    return { ...fields, id, caseNo: formatCaseNo(office.caseNoPattern, date, serial), status: '已登记' as const, createdAt: at, updatedAt: at, history, identity, steps: [], deadlines: [], fulfilments: [], letters: [], documents: [], repeatOf: null, feedbacks: [], dualFeedbacks: [], returnVisits: [], archive: null, difficult: null };
  });
  await ctx.store.cases.put(...records);
  records.forEach((r) => ctx.ledger.update(r));
  ctx.emit('cases.changed', { ids: records.map((r) => r.id) });
  return records;
}

/** Refuses a change made on a version of the case that someone else has saved since. */
export function checkFresh(current: CaseRecord, expectedUpdatedAt: string): void {
  if (current.updatedAt !== expectedUpdatedAt) throw new AppError('CONFLICT', '该信访件已在别处被修改，请刷新后再操作（本次修改尚未保存）');
}

/**
 * An archived case is read-only: every change is refused, with the refusal in the audit log. Call it before any
 * side effect (a 文号 taken, a counter raised); saveCase calls it again so that no path can skip it.
 */
export async function refuseIfArchived(ctx: BackendContext, current: CaseRecord, attempted: string): Promise<void> {
  if (!current.archive) return;
  await ctx.audit('archive.refused', `${current.caseNo}（${current.id}）`, 'denied', `${attempted}；卷号 ${current.archive.volumeNo}`);
  throw new AppError('FORBIDDEN', archivedRefusal(current.caseNo, current.archive.volumeNo));
}

/**
 * Saves one change to a case with its history entry. What follows from the result is derived here, once: the
 * ledger status from the loop's stage, and the deadlines whose verdict is now fixed.
 */
export async function saveCase(ctx: BackendContext, current: CaseRecord, change: Partial<CaseRecord>, entry: Pick<HistoryEntry, 'action' | 'summary'> & { changes?: HistoryEntry['changes'] }): Promise<CaseDetail> {
  // Only the archive's own change (存档, 撤销存档) passes an archived case.
  if (!('archive' in change)) await refuseIfArchived(ctx, current, entry.summary);
  const at = ctx.now().toISOString();
  const next: CaseRecord = { ...current, ...change, updatedAt: at, history: [...current.history, { changes: [], ...entry, at, actor: ctx.actor() }] };
  const record: CaseRecord = { ...next, status: statusOfCase(ctx.view.stage(next), next.archive), deadlines: ctx.view.frozenDeadlines(next) };
  await ctx.store.cases.put(record);
  ctx.ledger.update(record);
  ctx.emit('cases.changed', { ids: [record.id] });
  return toDetail(ctx, record);
}

export function caseHandlers(ctx: BackendContext): Pick<Handlers, 'cases.register' | 'cases.update' | 'cases.get' | 'cases.revealReporter'> {
  return {
    async 'cases.register'(input) {
      const [record] = await createCases(ctx, [await checkInput(ctx, input)], ctx.actor());
      ctx.log.info('case registered', { id: record!.id, caseNo: record!.caseNo });
      return toDetail(ctx, record!);
    },

    async 'cases.update'({ id, expectedUpdatedAt, changes }) {
      const current = getCase(ctx, id);
      checkFresh(current, expectedUpdatedAt);
      const keys = ctx.session.keys;
      // Without new reporter data the sealed identity stays untouched (and unopened).
      const before = inputOf(current, changes.reporter ? openIdentity(keys.identity, current) : undefined);
      const next = await checkInput(ctx, { ...changes, reporter: changes.reporter ?? before.reporter }, current.attachments, !changes.reporter);
      const diff = describeChanges(before, next);
      if (diff.length === 0) return toDetail(ctx, current);
      const { reporter, ...fields } = next;
      const identity = changes.reporter ? sealIdentity(keys.identity, id, reporter) : current.identity;
      return saveCase(ctx, current, { ...fields, identity }, { action: 'edit', summary: `修改 ${diff.map((d) => d.field).join('、')}`, changes: diff });
    },

    async 'cases.get'({ id }) {
      return toDetail(ctx, getCase(ctx, id));
    },

    async 'cases.revealReporter'({ id, reason }) {
      const current = getCase(ctx, id);
      const identity = openIdentity(ctx.session.keys.identity, current);
      const at = ctx.now().toISOString();
      const entry: HistoryEntry = { at, actor: ctx.actor(), action: 'reveal', summary: `查看检举控告人身份信息（事由：${reason}）`, changes: [] };
      // The access is recorded, in the case and in the audit log, before the identity leaves the backend.
      const record = { ...current, history: [...current.history, entry] };
      await ctx.store.cases.put(record);
      ctx.ledger.update(record);
      await ctx.audit('reveal', `${current.caseNo}（${id}）`, 'success', `事由：${reason}`);
      return identity.persons;
    },
  };
}
