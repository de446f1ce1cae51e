import { WorkCalendar } from '../../../../shared/domain/calendar.js';
import { deriveDeadlines, isFrozen } from '../../../../shared/domain/case-deadlines.js';
import type { CaseRecord } from '../../../../shared/domain/case.js';
import { caseAlert, type Alert, type Deadline, type DeadlineSettings } from '../../../../shared/domain/deadlines.js';
import { allowedSteps, replayStored, type LoopState, type Stage } from '../../../../shared/domain/loop.js';
import type { Settings } from '../../../../shared/domain/office.js';
import { AppError } from '../../../../shared/errors.js';

/** What the view has worked out for one stored record; the keys say under which rules, calendar and day. */
interface Cached {
  state?: LoopState;
  deadlines?: Deadline[];
  deadlinesKey?: string;
  alert?: Alert;
  alertKey?: string;
}

/**
 * How a case looks today: its loop state (replayed from its steps), the deadlines it owes under the office's
 * current rules and calendar, and its colour. Only frozen deadlines (fulfilled, with a verdict) are stored; open
 * ones are derived here, so a calendar or rule change needs no rewrite of the data, only fresh derivation.
 * Everything is cached per stored record object, which every save replaces.
 */
export class CaseView {
  private calendarOf = new WeakMap<Settings['calendarYears'], WorkCalendar>();
  private rulesKey = new WeakMap<DeadlineSettings, { signature: string; key: string }>();
  /** One entry per record, filled as asked: 17 MB at 50,000 cases, where three maps of copies took 40 MB. */
  private cached = new WeakMap<CaseRecord, Cached>();
  private lastAlertKey: { today: string; deadlines: string; key: string } | null = null;

  constructor(
    readonly settings: () => Settings,
    readonly today: () => string,
  ) {}

  calendar(): WorkCalendar {
    const years = this.settings().calendarYears;
    let calendar = this.calendarOf.get(years);
    if (!calendar) {
      calendar = WorkCalendar.fromYears(years);
      this.calendarOf.set(years, calendar);
    }
    return calendar;
  }

  /**
   * Changes whenever the calendar or the deadline rules change. One string per pair, shared by every cached entry:
   * a key built per call would be flattened into a copy per case when compared (kilobytes each, at 50,000 cases).
   */
  deadlineKey(): string {
    const rules = this.settings().deadlines;
    const signature = this.calendar().signature;
    let cached = this.rulesKey.get(rules);
    if (cached?.signature !== signature) {
      cached = { signature, key: `${signature}|${JSON.stringify(rules)}` };
      this.rulesKey.set(rules, cached);
    }
    return cached.key;
  }

  private entry(record: CaseRecord): Cached {
    let entry = this.cached.get(record);
    if (!entry) {
      entry = {};
      this.cached.set(record, entry);
    }
    return entry;
  }

  state(record: Pick<CaseRecord, 'id' | 'steps'>): LoopState {
    const entry = this.entry(record as CaseRecord);
    if (!entry.state) {
      const replay = replayStored(record.steps);
      if (!replay.ok) throw new AppError('INTERNAL', '该件的办理记录无法复原，请联系管理员', `case ${record.id}: ${replay.reason}`);
      // Every stored step was accepted, in order: the state's list of steps is the record's own.
      entry.state = { ...replay.state, steps: record.steps };
    }
    return entry.state;
  }

  stage(record: CaseRecord): Stage {
    return this.state(record).stage;
  }

  allowedSteps(record: CaseRecord) {
    return allowedSteps(this.state(record));
  }

  /** Every deadline the case owes now: the stored frozen ones plus the open ones derived from its loop. */
  deadlines(record: CaseRecord): Deadline[] {
    const key = this.deadlineKey();
    const entry = this.entry(record);
    if (entry.deadlinesKey === key) return entry.deadlines!;
    const settings = this.settings();
    const deadlines = deriveDeadlines(
      { receivedDate: record.receivedDate, realName: record.identity.realName, assignedByUpper: record.source === '上级交办', isRepeat: record.repeatOf !== null },
      this.state(record),
      record.fulfilments,
      record.deadlines,
      settings.deadlines,
      this.calendar(),
    );
    // A closed case's deadlines are usually its stored ones, in the same order: then the record's own list is kept.
    const stored = deadlines.length === record.deadlines.length && deadlines.every((d, i) => d === record.deadlines[i]);
    entry.deadlines = stored ? record.deadlines : deadlines;
    entry.deadlinesKey = key;
    return entry.deadlines;
  }

  /** What a save stores: the deadlines whose verdict is now fixed. */
  frozenDeadlines(record: CaseRecord): Deadline[] {
    return this.deadlines(record).filter(isFrozen);
  }

  /** Today's colours depend on the day as well (one shared string, as deadlineKey). */
  alertKey(): string {
    const today = this.today();
    const deadlines = this.deadlineKey();
    if (this.lastAlertKey?.today !== today || this.lastAlertKey.deadlines !== deadlines) this.lastAlertKey = { today, deadlines, key: `${today}|${deadlines}` };
    return this.lastAlertKey.key;
  }

  alert(record: CaseRecord): Alert {
    const { warningDays } = this.settings().deadlines;
    const key = this.alertKey();
    const entry = this.entry(record);
    if (entry.alertKey === key) return entry.alert!;
    const alert = caseAlert(this.deadlines(record), this.today(), this.calendar(), warningDays);
    entry.alert = alert;
    entry.alertKey = key;
    return alert;
  }
}
