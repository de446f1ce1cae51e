import type { CaseRecord } from '../../../shared/domain/case.js';
import { DEFAULT_REPEAT_WINDOW_DAYS, indexEntry, suggestRepeats, type RepeatFacts, type RepeatIndexEntry } from '../../../shared/domain/repeats.js';
import type { BackendContext } from '../context.js';
import type { Handlers } from '../dispatch.js';
import { openIdentity } from '../security/identity.js';
import { getCase } from './cases/cases.js';

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

  suggest(candidate: RepeatFacts) {
    const earlier = [...this.ctx.store.cases.values()].filter((r) => r.id !== candidate.id).map((r) => this.entryOf(r));
    return suggestRepeats(indexEntry(candidate), earlier, { windowDays: DEFAULT_REPEAT_WINDOW_DAYS });
  }

  forCase(record: CaseRecord) {
    return this.suggest(this.entryOf(record).facts);
  }
}

function factsOf(record: Pick<CaseRecord, 'id' | 'caseNo' | 'receivedDate' | 'source' | 'upperOffice' | 'upperRefNo' | 'accused' | 'summary'>, reporters: RepeatFacts['reporters']): RepeatFacts {
  const { id, caseNo, receivedDate, source, upperOffice, upperRefNo, summary } = record;
  return { id, caseNo, receivedDate, source, upperOffice, upperRefNo, summary, reporters, accused: record.accused.map(({ name, unit, post }) => ({ name, unit, post })) };
}

export function repeatHandlers(ctx: BackendContext): Pick<Handlers, 'repeats.forCase' | 'repeats.forDraft'> {
  const index = new RepeatIndex(ctx);
  return {
    async 'repeats.forCase'({ id }) {
      return index.forCase(getCase(ctx, id));
    },
    async 'repeats.forDraft'(draft) {
      const reporters = ctx.session.keys.identity ? (draft.reporter?.persons ?? []) : [];
      return index.suggest(factsOf({ ...draft, id: '', caseNo: '' }, reporters));
    },
  };
}
