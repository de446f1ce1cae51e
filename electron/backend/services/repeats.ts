import type { CaseRecord } from '../../../shared/domain/case.js';
import { DEFAULT_REPEAT_WINDOW_DAYS, indexEntry, suggestRepeats, type RepeatFacts, type RepeatIndexEntry } from '../../../shared/domain/repeats.js';
import type { BackendContext } from '../context.js';
import type { Handlers } from '../dispatch.js';
import { openIdentity } from '../security/identity.js';
import { AppError } from '../../../shared/errors.js';
import { checkFresh, getCase, saveCase } from './cases/cases.js';

/**
 * Repeat suggestions over every stored case. Entries are cached per stored record object (a save replaces it).
 * Reporters are compared only when the session holds the identity key; the suggestions never show them.
 */
export class RepeatIndex {
  private entries = new WeakMap<CaseRecord, { withIdentity: boolean; entry: RepeatIndexEntry }>();

  constructor(private readonly ctx: BackendContext) {}

  private entryOf(record: CaseRecord): RepeatIndexEntry {
    const identityKey = this.ctx.session.keys.identity;
    const cached = this.entries.get(record);
    if (cached && cached.withIdentity === Boolean(identityKey)) return cached.entry;
    const reporters = identityKey ? openIdentity(identityKey, record).persons : [];
    const entry = indexEntry(factsOf(record, reporters));
    this.entries.set(record, { withIdentity: Boolean(identityKey), entry });
    return entry;
  }

  private *all(): Iterable<RepeatIndexEntry> {
    for (const record of this.ctx.store.cases.values()) yield this.entryOf(record);
  }

  suggest(candidate: RepeatFacts) {
    return suggestRepeats(indexEntry(candidate), this.all(), { windowDays: DEFAULT_REPEAT_WINDOW_DAYS });
  }

  forCase(record: CaseRecord) {
    return this.suggest(this.entryOf(record).facts);
  }
}

function factsOf(record: Pick<CaseRecord, 'id' | 'caseNo' | 'receivedDate' | 'source' | 'upperOffice' | 'upperRefNo' | 'accused' | 'summary'>, reporters: RepeatFacts['reporters']): RepeatFacts {
  const { id, caseNo, receivedDate, source, upperOffice, upperRefNo, summary } = record;
  return { id, caseNo, receivedDate, source, upperOffice, upperRefNo, summary, reporters, accused: record.accused.map(({ name, unit, post }) => ({ name, unit, post })) };
}

export function repeatHandlers(ctx: BackendContext): Pick<Handlers, 'repeats.forCase' | 'repeats.forDraft' | 'repeats.link' | 'repeats.unlink' | 'repeats.chain'> {
  const index = new RepeatIndex(ctx);
  return {
    async 'repeats.link'({ id, firstId, expectedUpdatedAt }) {
      const current = getCase(ctx, id);
      checkFresh(current, expectedUpdatedAt);
      const target = getCase(ctx, firstId);
      const first = target.repeatOf ? getCase(ctx, target.repeatOf.id) : target;
      if (first.id === id) throw new AppError('INVALID_INPUT', '不能把一件标记为它自身的重复件');
      if ([...ctx.store.cases.values()].some((r) => r.repeatOf?.id === id)) {
        throw new AppError('CONFLICT', `${current.caseNo} 已是其他重复件的首件，请先解除那些关联`);
      }
      if (first.receivedDate > current.receivedDate) throw new AppError('INVALID_INPUT', `首件 ${first.caseNo} 的收件日期晚于本件，请反向关联`);
      const repeatOf = { id: first.id, caseNo: first.caseNo, linkedAt: ctx.now().toISOString(), by: ctx.actor() };
      // Linking changes what the case owes (a repeat owes no acceptance notice): saveCase derives it.
      return saveCase(ctx, current, { repeatOf }, { action: 'repeat', summary: `标记为重复件，首件 ${first.caseNo}` });
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
    async 'repeats.forCase'({ id }) {
      return index.forCase(getCase(ctx, id));
    },
    async 'repeats.forDraft'(draft) {
      const reporters = ctx.session.keys.identity ? (draft.reporter?.persons ?? []) : [];
      return index.suggest(factsOf({ ...draft, id: '', caseNo: '' }, reporters));
    },
  };
}
