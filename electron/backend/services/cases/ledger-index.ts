import { pinyin } from 'pinyin-pro';
import { accusedLine, type CaseRecord } from '../../../../shared/domain/case.js';
import type { LedgerFilter, LedgerQuery, LedgerRow } from '../../../../shared/domain/ledger.js';
import type { CaseView } from '../loop/case-view.js';

/**
 * In-memory index of the ledger: search text and sort keys per case, built on first use and kept current on
 * every save, so a filter or search over 50,000 cases is a single pass with no I/O.
 */
interface Entry {
  record: CaseRecord;
  /** Lower-case search text, built on the first search (an unfiltered ledger does not need it). */
  text?: string;
  caseNoKey: string;
  /** Pinyin initials of the accused's names, computed on the first pinyin search (e.g. 张三 → zs). */
  initials?: string[];
}

function searchText(r: CaseRecord): string {
  const accused = r.accused.map((a) => `${a.name} ${a.unit} ${a.post}`).join(' ');
  return [r.caseNo, accused, r.summary, r.upperOffice, r.upperRefNo, r.region, r.domains.join(' ')].join('\n').toLowerCase();
}

/** Zero-pads digit runs so that 〔2026〕9号 sorts before 〔2026〕10号 with a plain string comparison. */
export function naturalKey(value: string): string {
  return value.replace(/\d+/g, (d) => d.padStart(12, '0'));
}

function initialsOf(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' }).join('').toLowerCase();
}

function personInitials(r: CaseRecord): string[] {
  return r.accused.filter((a) => a.type === 'person').map((a) => initialsOf(a.name));
}

export function toLedgerRow(r: CaseRecord, view: CaseView): LedgerRow {
  return {
    id: r.id,
    caseNo: r.caseNo,
    receivedDate: r.receivedDate,
    channel: r.channel,
    source: r.source,
    kind: r.kind,
    categories: r.categories,
    region: r.region,
    accused: accusedLine(r.accused),
    summary: r.summary.length > 120 ? `${r.summary.slice(0, 120)}…` : r.summary,
    realName: r.identity.realName,
    status: r.status,
    stage: view.stage(r),
    alert: view.alert(r),
    attachmentCount: r.attachments.length,
  };
}

export class LedgerIndex {
  private entries: Map<string, Entry> | null = null;
  /** Entries built so far by warm(); saves made meanwhile go here too. */
  private building: Map<string, Entry> | null = null;

  constructor(
    private readonly source: () => Iterable<CaseRecord>,
    private readonly view: CaseView,
  ) {}

  private all(): Map<string, Entry> {
    if (!this.entries) {
      this.entries = new Map();
      for (const record of this.source()) this.entries.set(record.id, this.entry(record));
    }
    return this.entries;
  }

  /**
   * Builds the index and the pinyin initials in slices after start-up, yielding between slices, so the first
   * ledger query and the first pinyin search do not pay for it. A query arriving earlier simply builds what is left.
   */
  async warm(slice = 2000): Promise<void> {
    const yieldNow = () => new Promise((r) => setImmediate(r));
    let i = 0;
    const building = (this.building = new Map<string, Entry>());
    for (const record of this.source()) {
      if (this.entries) break;
      if (!building.has(record.id)) building.set(record.id, this.entry(record));
      if (++i % slice === 0) await yieldNow();
    }
    this.entries ??= building;
    this.building = null;
    i = 0;
    for (const e of this.entries.values()) {
      e.text ??= searchText(e.record);
      e.initials ??= personInitials(e.record);
      if (++i % slice === 0) await yieldNow();
    }
  }

  private entry(record: CaseRecord): Entry {
    return { record, caseNoKey: naturalKey(record.caseNo) };
  }

  /** Call after every save of a case. */
  update(record: CaseRecord): void {
    (this.entries ?? this.building)?.set(record.id, this.entry(record));
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
    const out: Entry[] = [];
    for (const e of this.all().values()) {
      const r = e.record;
      if (f.from && r.receivedDate < f.from) continue;
      if (f.to && r.receivedDate > f.to) continue;
      if (sets.sources.size && !sets.sources.has(r.source)) continue;
      if (sets.channels.size && !sets.channels.has(r.channel)) continue;
      if (sets.kinds.size && !sets.kinds.has(r.kind)) continue;
      if (sets.statuses.size && !sets.statuses.has(r.status)) continue;
      if (sets.regions.size && !sets.regions.has(r.region)) continue;
      if (f.categories.length && !f.categories.some((c) => r.categories.includes(c))) continue;
      if (sets.alerts.size && !sets.alerts.has(this.view.alert(r))) continue;
      if (terms.length && !terms.every((t) => this.matches(e, t))) continue;
      out.push(e);
    }
    return out;
  }

  private matches(e: Entry, term: string): boolean {
    e.text ??= searchText(e.record);
    if (e.text.includes(term)) return true;
    if (!/^[a-z]+$/.test(term)) return false;
    e.initials ??= personInitials(e.record);
    return e.initials.some((i) => i.startsWith(term));
  }

  query(q: LedgerQuery): { total: number; rows: LedgerRow[]; records: CaseRecord[] } {
    const found = this.filter(q);
    const key = (e: Entry): string => (q.sortBy === 'caseNo' ? e.caseNoKey : e.record[q.sortBy]);
    const dir = q.order === 'asc' ? 1 : -1;
    found.sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      if (ka !== kb) return ka < kb ? -dir : dir;
      return a.caseNoKey < b.caseNoKey ? -dir : a.caseNoKey > b.caseNoKey ? dir : 0;
    });
    const page = found.slice((q.page - 1) * q.pageSize, q.page * q.pageSize).map((e) => e.record);
    return { total: found.length, rows: page.map((r) => toLedgerRow(r, this.view)), records: found.map((e) => e.record) };
  }
}
