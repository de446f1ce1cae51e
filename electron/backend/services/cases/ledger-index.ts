import { pinyin } from 'pinyin-pro';
import { accusedLine, type CaseRecord } from '../../../../shared/domain/case.js';
import type { WorkCalendar } from '../../../../shared/domain/calendar.js';
import { alertColour, worstAlert, type Alert, type Deadline } from '../../../../shared/domain/deadlines.js';
import type { CaseSummary, LedgerFilter, LedgerQuery, LedgerRow } from '../../../../shared/domain/ledger.js';
import type { CaseView } from '../loop/case-view.js';
import { emptyList } from '../../../../shared/empty-list.js';

/**
 * In-memory index of the ledger: one summary per case with its sort key, kept current on every save, so a filter or
 * search over 50,000 cases is a single pass with no I/O. At start-up the summaries come from the ledger cache
 * (ledger-cache.ts), before the records themselves have been read.
 */
interface Entry {
  summary: CaseSummary;
  caseNoKey: string;
  /**
   * The search text in lower case, kept only for a case whose texts hold capitals (Latin letters, rare); null when
   * lower case changes nothing, and the fields are searched as they are. Decided on the first search.
   */
  lowered?: string | null;
  /** Pinyin initials of the accused persons' names, each after a NUL (张三、李四 → "\0zs\0ls"); made when first searched. */
  initials?: string;
  /** Today's colour, valid while `alertGeneration` is the index's. */
  alert?: Alert;
  alertGeneration?: number;
}

/** The ledger's view of a case, made under the view's current deadline rules and calendar. */
export function summaryOf(r: CaseRecord, view: CaseView): CaseSummary {
  return {
    id: r.id,
    caseNo: r.caseNo,
    receivedDate: r.receivedDate,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    channel: r.channel,
    source: r.source,
    kind: r.kind,
    categories: r.categories,
    domains: r.domains,
    region: r.region,
    upperOffice: r.upperOffice,
    upperRefNo: r.upperRefNo,
    // The record's own list (its further fields go no further: rows and the cache take these four).
    accused: r.accused,
    summary: r.summary,
    realName: r.identity.realName,
    status: r.status,
    stage: view.stage(r),
    attachmentCount: r.attachments.length,
    ...deadlineFacts(view.deadlines(r)),
  };
}

function deadlineFacts(deadlines: readonly Deadline[]): Pick<CaseSummary, 'anyFulfilled' | 'openDeadlines'> {
  const open = deadlines.filter((d) => !d.fulfilledAt);
  return { anyFulfilled: open.length < deadlines.length, openDeadlines: open.length ? open.map((d) => ({ due: d.due, paused: d.paused })) : emptyList() };
}

/** A summary's colour today: as caseAlert over its deadlines (every met deadline is blue). */
export function summaryAlert(s: CaseSummary, today: string, calendar: WorkCalendar, warningDays: number): Alert {
  return worstAlert([...(s.anyFulfilled ? ['blue' as const] : []), ...s.openDeadlines.map((d) => alertColour(d, today, calendar, warningDays))]);
}

function searchText(s: CaseSummary): string {
  const accused = s.accused.map((a) => `${a.name} ${a.unit} ${a.post}`).join(' ');
  return [s.caseNo, accused, s.summary, s.upperOffice, s.upperRefNo, s.region, s.domains.join(' ')].join('\n');
}

/** The summary's own texts contain the term (a search term holds no space, so it cannot span two of them). */
function fieldsContain(s: CaseSummary, term: string): boolean {
  if (s.caseNo.includes(term) || s.summary.includes(term) || s.upperOffice.includes(term) || s.upperRefNo.includes(term) || s.region.includes(term)) return true;
  return s.accused.some((a) => a.name.includes(term) || a.unit.includes(term) || a.post.includes(term)) || s.domains.some((d) => d.includes(term));
}

/** What a search needs beyond the fields: their text in lower case, when that differs (see Entry.lowered). */
function loweredText(s: CaseSummary): string | null {
  const text = searchText(s);
  const lowered = text.toLowerCase();
  return lowered === text ? null : lowered;
}

/** Zero-pads digit runs so that 〔2026〕9号 sorts before 〔2026〕10号 with a plain string comparison. */
export function naturalKey(value: string): string {
  return value.replace(/\d+/g, (d) => d.padStart(12, '0'));
}

function initialsOf(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' }).join('').toLowerCase();
}

function personInitials(s: CaseSummary): string {
  return s.accused.filter((a) => a.type === 'person').map((a) => `\0${initialsOf(a.name)}`).join('');
}

export function toLedgerRow(s: CaseSummary, alert: Alert): LedgerRow {
  return {
    id: s.id,
    caseNo: s.caseNo,
    receivedDate: s.receivedDate,
    channel: s.channel,
    source: s.source,
    kind: s.kind,
    categories: s.categories,
    region: s.region,
    accused: accusedLine(s.accused),
    summary: s.summary.length > 120 ? `${s.summary.slice(0, 120)}…` : s.summary,
    realName: s.realName,
    status: s.status,
    stage: s.stage,
    alert,
    attachmentCount: s.attachmentCount,
  };
}

export class LedgerIndex {
  private entries: Map<string, Entry> | null = null;
  /** The deadline rules and calendar (CaseView.deadlineKey) the summaries were made under. */
  private madeUnder = '';
  /** Entries built so far by warm(); saves made meanwhile go here too. */
  private building: Map<string, Entry> | null = null;
  private alertKey = '';
  private alertGeneration = 0;

  constructor(
    private readonly records: () => Iterable<CaseRecord>,
    private readonly view: CaseView,
  ) {}

  /** Summaries from the ledger cache, made under `deadlineKey`. */
  fill(summaries: Iterable<CaseSummary>, deadlineKey: string): void {
    this.entries = new Map();
    for (const s of summaries) this.entries.set(s.id, this.entry(s));
    this.madeUnder = deadlineKey;
  }

  /** True when the ledger can answer without reading records: its summaries are made under today's rules and calendar. */
  get current(): boolean {
    return this.entries !== null && this.madeUnder === this.view.deadlineKey();
  }

  private all(): Map<string, Entry> {
    if (!this.current) {
      const key = this.view.deadlineKey();
      this.entries = new Map();
      for (const record of this.records()) this.entries.set(record.id, this.entry(summaryOf(record, this.view)));
      this.madeUnder = key;
    }
    return this.entries!;
  }

  /**
   * Builds the index from the records, then what a search needs (see Entry), in slices after start-up, yielding
   * between slices, so no query waits for it. Summaries taken from the cache meanwhile keep answering.
   */
  async warm(stopped: () => boolean = () => false, slice = 2000): Promise<void> {
    const yieldNow = async () => {
      await new Promise((r) => setImmediate(r));
      if (stopped()) throw new Error('台账索引：已关闭');
    };
    const key = this.view.deadlineKey();
    let i = 0;
    const building = (this.building = new Map<string, Entry>());
    for (const record of this.records()) {
      if (!building.has(record.id)) building.set(record.id, this.entry(summaryOf(record, this.view)));
      if (++i % slice === 0) await yieldNow();
    }
    this.building = null;
    if (key === this.view.deadlineKey()) {
      this.entries = building;
      this.madeUnder = key;
    }
    i = 0;
    for (const e of this.all().values()) {
      if (e.lowered === undefined) e.lowered = loweredText(e.summary);
      e.initials ??= personInitials(e.summary);
      if (++i % slice === 0) await yieldNow();
    }
  }

  private entry(summary: CaseSummary): Entry {
    return { summary, caseNoKey: naturalKey(summary.caseNo) };
  }

  /** Call after every save of a case. */
  update(record: CaseRecord): void {
    if (!this.entries && !this.building) return;
    const e = this.entry(summaryOf(record, this.view));
    this.entries?.set(record.id, e);
    this.building?.set(record.id, e);
  }

  /** Today's colour of an entry, from its summary's deadlines (cached until the day, the rules or the calendar change). */
  private colourer(): (e: Entry) => Alert {
    const key = this.view.alertKey();
    if (key !== this.alertKey) {
      this.alertKey = key;
      this.alertGeneration++;
    }
    const generation = this.alertGeneration;
    const today = this.view.today();
    const calendar = this.view.calendar();
    const { warningDays } = this.view.settings().deadlines;
    return (e) => {
      if (e.alertGeneration !== generation) {
        e.alert = summaryAlert(e.summary, today, calendar, warningDays);
        e.alertGeneration = generation;
      }
      return e.alert!;
    };
  }

  filter(f: LedgerFilter): Entry[] {
    const terms = f.search.toLowerCase().split(/\s+/).filter(Boolean);
    const sets = {
      sources: new Set<string>(f.sources),
      channels: new Set<string>(f.channels),
      kinds: new Set<string>(f.kinds),
      statuses: new Set<string>(f.statuses),
      regions: new Set<string>(f.regions),
      alerts: new Set<string>(f.alerts),
    };
    const colour = this.colourer();
    const out: Entry[] = [];
    for (const e of this.all().values()) {
      const s = e.summary;
      if (f.from && s.receivedDate < f.from) continue;
      if (f.to && s.receivedDate > f.to) continue;
      if (sets.sources.size && !sets.sources.has(s.source)) continue;
      if (sets.channels.size && !sets.channels.has(s.channel)) continue;
      if (sets.kinds.size && !sets.kinds.has(s.kind)) continue;
      if (sets.statuses.size && !sets.statuses.has(s.status)) continue;
      if (sets.regions.size && !sets.regions.has(s.region)) continue;
      if (f.categories.length && !f.categories.some((c) => s.categories.includes(c))) continue;
      if (sets.alerts.size && !sets.alerts.has(colour(e))) continue;
      if (terms.length && !terms.every((t) => this.matches(e, t))) continue;
      out.push(e);
    }
    return out;
  }

  private matches(e: Entry, term: string): boolean {
    if (e.lowered === undefined) e.lowered = loweredText(e.summary);
    if (e.lowered === null ? fieldsContain(e.summary, term) : e.lowered.includes(term)) return true;
    if (!/^[a-z]+$/.test(term)) return false;
    e.initials ??= personInitials(e.summary);
    return e.initials.includes(`\0${term}`);
  }

  /** The regions the cases name. */
  regions(): string[] {
    const regions = new Set<string>();
    for (const e of this.all().values()) if (e.summary.region) regions.add(e.summary.region);
    return [...regions];
  }

  query(q: LedgerQuery): { total: number; rows: LedgerRow[]; ids: string[] } {
    const found = this.filter(q);
    const key = (e: Entry): string => (q.sortBy === 'caseNo' ? e.caseNoKey : e.summary[q.sortBy]);
    const dir = q.order === 'asc' ? 1 : -1;
    found.sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      if (ka !== kb) return ka < kb ? -dir : dir;
      return a.caseNoKey < b.caseNoKey ? -dir : a.caseNoKey > b.caseNoKey ? dir : 0;
    });
    const colour = this.colourer();
    const page = found.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
    return { total: found.length, rows: page.map((e) => toLedgerRow(e.summary, colour(e))), ids: found.map((e) => e.summary.id) };
  }
}
