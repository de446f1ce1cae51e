import { WorkCalendar } from '../../../../shared/domain/calendar.js';
import type { CaseRecord } from '../../../../shared/domain/case.js';
import { caseAlert, type Alert } from '../../../../shared/domain/deadlines.js';
import { allowedSteps, initialLoop, replayLoop, type LoopState, type Stage } from '../../../../shared/domain/loop.js';
import type { Settings } from '../../../../shared/domain/office.js';
import { AppError } from '../../../../shared/errors.js';

/**
 * How a case looks today: its loop state (replayed from its steps) and its colour under the office's current
 * calendar and warning window. Both are cached per stored record object, which every save replaces.
 */
export class CaseView {
  private calendarOf = new WeakMap<Settings['calendarYears'], WorkCalendar>();
  private states = new WeakMap<CaseRecord, LoopState>();
  private alerts = new WeakMap<CaseRecord, { key: string; alert: Alert }>();

  constructor(
    private readonly settings: () => Settings,
    private readonly today: () => string,
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

  state(record: CaseRecord): LoopState {
    let state = this.states.get(record);
    if (!state) {
      const replay = replayLoop(record.steps);
      if (!replay.ok) throw new AppError('INTERNAL', '该件的办理记录无法复原，请联系管理员', `case ${record.id}: ${replay.reason}`);
      state = record.steps.length ? replay.state : initialLoop();
      this.states.set(record, state);
    }
    return state;
  }

  stage(record: CaseRecord): Stage {
    return this.state(record).stage;
  }

  allowedSteps(record: CaseRecord) {
    return allowedSteps(this.state(record));
  }

  alert(record: CaseRecord): Alert {
    const calendar = this.calendar();
    const { warningDays } = this.settings().deadlines;
    const key = `${this.today()}|${calendar.signature}|${warningDays}`;
    const cached = this.alerts.get(record);
    if (cached?.key === key) return cached.alert;
    const alert = caseAlert(record.deadlines, this.today(), calendar, warningDays);
    this.alerts.set(record, { key, alert });
    return alert;
  }
}
