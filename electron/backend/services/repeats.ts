import { accusedLine, type CaseRecord } from '../../../shared/domain/case.js';
import { indexEntry, indexEntryOf, RepeatSearch, type RepeatFacts, type RepeatIndexEntry } from '../../../shared/domain/repeats.js';
import type { BackendContext } from '../context.js';
import type { Handlers } from '../dispatch.js';
import { openIdentity } from '../security/identity.js';
import { AppError } from '../../../shared/errors.js';
import { repeatChains, repeatReport, type RepeatReportFacts } from '../../../shared/domain/repeat-report.js';
import { localIsoDate } from '../time.js';
import { checkFresh, getCase, saveCase } from './cases/cases.js';
import { repeatReportWorkbook } from './repeat-workbook.js';

/**
 * Repeat suggestions over every stored case, from an index kept in step with the store: each query re-indexes only
 * the records a save replaced (compared by object identity). Reporters are compared only when the session holds the
 * identity key (the index is rebuilt when that changes); the suggestions never show them.
 */
export class RepeatIndex {
  private search: RepeatSearch | null = null;
  private withIdentity = false;

  constructor(private readonly ctx: BackendContext) {}

  /**
   * Builds the index in slices, yielding between them, so the first suggestion after start-up does not wait for
   * every identity to be opened. A query arriving earlier builds it at once; the slices then stop.
   */
  async warm(stopped: () => boolean = () => false, slice = 500): Promise<void> {
    const withIdentity = Boolean(this.ctx.session.keys.identity);
    const entries: RepeatIndexEntry[] = [];
    for (const record of this.ctx.store.cases.values()) {
      if (this.search) return;
      entries.push(this.entryOf(record));
      if (entries.length % slice === 0) await new Promise((resolve) => setImmediate(resolve));
      if (stopped()) return;
    }
    if (this.search || withIdentity !== Boolean(this.ctx.session.keys.identity)) return;
    this.withIdentity = withIdentity;
    this.search = new RepeatSearch(entries);
  }

  private entryOf(record: CaseRecord): RepeatIndexEntry {
    const identityKey = this.ctx.session.keys.identity;
    return indexEntryOf(record, identityKey ? openIdentity(identityKey, record).persons : []);
  }

  private current(): RepeatSearch {
    const withIdentity = Boolean(this.ctx.session.keys.identity);
    const records = this.ctx.store.cases;
    if (!this.search || withIdentity !== this.withIdentity) {
      this.withIdentity = withIdentity;
      this.search = new RepeatSearch([...records.values()].map((r) => this.entryOf(r)));
    }
    // An entry's facts are the record it was made from: a save replaces the record, so the entry is made again.
    for (const record of records.values()) if (!this.search.holds(record.id, record)) this.search.put(this.entryOf(record));
    if (this.search.size > records.size) for (const id of this.search.ids()) if (!records.get(id)) this.search.remove(id);
    return this.search;
  }

  private options() {
    return { windowDays: this.ctx.store.settings().repeats.windowDays };
  }

  suggest(candidate: RepeatFacts) {
    return this.current().suggest(indexEntry(candidate), this.options());
  }

  forCase(record: CaseRecord) {
    const search = this.current();
    return search.suggest(search.get(record.id)!, this.options());
  }
}

function factsOf(record: Pick<CaseRecord, 'id' | 'caseNo' | 'receivedDate' | 'source' | 'upperOffice' | 'upperRefNo' | 'accused' | 'summary'>, reporters: RepeatFacts['reporters']): RepeatFacts {
  const { id, caseNo, receivedDate, source, upperOffice, upperRefNo, summary } = record;
  return { id, caseNo, receivedDate, source, upperOffice, upperRefNo, summary, reporters, accused: record.accused };
}

/**
 * Links `current` into the chain of `target` (its first case, if `target` is itself a copy), after the checks.
 * Linking changes what the case owes (a repeat owes no acceptance notice): saveCase derives it.
 */
export function repeatLink(ctx: BackendContext, current: CaseRecord, target: CaseRecord): { change: Pick<CaseRecord, 'repeatOf'>; summary: string } {
  const first = target.repeatOf ? getCase(ctx, target.repeatOf.id) : target;
  if (first.id === current.id) throw new AppError('INVALID_INPUT', '不能把一件标记为它自身的重复件');
  if ([...ctx.store.cases.values()].some((r) => r.repeatOf?.id === current.id)) {
    throw new AppError('CONFLICT', `${current.caseNo} 已是其他重复件的首件，请先解除那些关联`);
  }
  if (current.difficult) throw new AppError('CONFLICT', `${current.caseNo} 已列为重点疑难件，请先撤销或改在首件上办理`);
  if (first.receivedDate > current.receivedDate) throw new AppError('INVALID_INPUT', `首件 ${first.caseNo} 的收件日期晚于本件，请反向关联`);
  const repeatOf = { id: first.id, caseNo: first.caseNo, linkedAt: ctx.now().toISOString(), by: ctx.actor() };
  return { change: { repeatOf }, summary: `标记为重复件，首件 ${first.caseNo}` };
}

function reportFacts(ctx: BackendContext): RepeatReportFacts[] {
  return [...ctx.store.cases.values()].map((r) => ({
    id: r.id,
    caseNo: r.caseNo,
    receivedDate: r.receivedDate,
    source: r.source,
    upperOffice: r.upperOffice,
    summary: r.summary,
    accused: accusedLine(r.accused),
    repeatOf: r.repeatOf?.id ?? null,
    difficult: r.difficult,
  }));
}

export function repeatHandlers(
  ctx: BackendContext,
): Pick<Handlers, 'repeats.forCase' | 'repeats.forDraft' | 'repeats.link' | 'repeats.unlink' | 'repeats.chain' | 'repeats.chains' | 'repeats.report' | 'repeats.exportReport' | 'repeats.updateSettings'> {
  const today = () => localIsoDate(ctx.now());
  return {
    async 'repeats.link'({ id, firstId, expectedUpdatedAt }) {
      const current = getCase(ctx, id);
      checkFresh(current, expectedUpdatedAt);
      const { change, summary } = repeatLink(ctx, current, getCase(ctx, firstId));
      return saveCase(ctx, current, change, { action: 'repeat', summary });
    },
    async 'repeats.unlink'({ id, expectedUpdatedAt, reason }) {
      const current = getCase(ctx, id);
      checkFresh(current, expectedUpdatedAt);
      if (!current.repeatOf) throw new AppError('INVALID_INPUT', '该件未被标记为重复件');
      return saveCase(ctx, current, { repeatOf: null }, { action: 'repeat', summary: `解除与首件 ${current.repeatOf.caseNo} 的重复关联（理由：${reason}）` });
    },
    async 'repeats.chain'({ id }) {
      const record = getCase(ctx, id);
      const firstId = record.repeatOf?.id ?? record.id;
      const copies = [...ctx.store.cases.values()]
        .filter((r) => r.id === firstId || r.repeatOf?.id === firstId)
        .sort((a, b) => a.receivedDate.localeCompare(b.receivedDate) || a.caseNo.localeCompare(b.caseNo))
        .map((r) => ({ id: r.id, caseNo: r.caseNo, receivedDate: r.receivedDate, source: r.source, upperOffice: r.upperOffice, upperRefNo: r.upperRefNo, first: r.id === firstId }));
      return { firstId, count: copies.length, copies };
    },
    async 'repeats.chains'() {
      return repeatChains(reportFacts(ctx), today());
    },
    async 'repeats.report'({ from, to }) {
      return repeatReport(reportFacts(ctx), from, to, today());
    },
    async 'repeats.exportReport'({ from, to }) {
      const report = repeatReport(reportFacts(ctx), from, to, today());
      const office = ctx.store.settings().office;
      const bytes = await repeatReportWorkbook(report, `${office?.shortName ?? ''}重复件情况（${from} 至 ${to}）`);
      await ctx.audit('export', '重复件定期报告（Excel）', 'success', `${from} 至 ${to}，重复件 ${report.repeats} 件`);
      return { fileName: `重复件情况_${from}_${to}.xlsx`, base64: bytes.toString('base64') };
    },
    async 'repeats.updateSettings'(repeats) {
      const settings = await ctx.store.updateSettings((s) => ({ ...s, repeats }));
      await ctx.audit('settings.change', '重复件识别设置', 'success', `时间范围 ${repeats.windowDays} 天`);
      ctx.emit('settings.changed', settings);
      return settings;
    },
    async 'repeats.forCase'({ id }) {
      return ctx.repeats.forCase(getCase(ctx, id));
    },
    async 'repeats.forDraft'(draft) {
      const reporters = ctx.session.keys.identity ? (draft.reporter?.persons ?? []) : [];
      return ctx.repeats.suggest(factsOf({ ...draft, id: '', caseNo: '' }, reporters));
    },
  };
}
