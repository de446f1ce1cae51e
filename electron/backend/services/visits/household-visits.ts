import { randomUUID } from 'node:crypto';
import { checkHouseholdRows, describeRowIssues, inRange, type HouseholdVisit } from '../../../../shared/domain/visits.js';
import { AppError } from '../../../../shared/errors.js';
import type { BackendContext } from '../../context.js';
import type { Handlers } from '../../dispatch.js';
import { localIsoDate } from '../../time.js';

/** The list shows the latest rows; the totals count every row the filter matches. */
const LIST_LIMIT = 1000;

/** 入户走访: batches of rows, each checked (the refusal names the rows), saved together in one write. */
export function householdVisitHandlers(ctx: BackendContext): Pick<Handlers, 'householdVisits.record' | 'householdVisits.list'> {
  return {
    async 'householdVisits.record'({ rows }) {
      const checked = checkHouseholdRows(rows, localIsoDate(ctx.now()));
      if (!checked.ok) throw new AppError('INVALID_INPUT', describeRowIssues(checked.issues), `rows: ${checked.issues.map((i) => `${i.row}.${i.field}`).join(', ')}`);
      const batchId = randomUUID();
      const createdAt = ctx.now().toISOString();
      const createdBy = ctx.actor();
      const records: HouseholdVisit[] = checked.rows.map((row) => ({ ...row, id: randomUUID(), batchId, createdAt, createdBy }));
      await ctx.store.householdVisits.put(...records);
      return { created: records.length, batchId };
    },

    async 'householdVisits.list'({ from, to, place }) {
      const rows: HouseholdVisit[] = [];
      const totals = { visits: 0, households: 0, leads: 0, problemsSolved: 0 };
      for (const v of ctx.store.householdVisits.values()) {
        if (place && !v.place.includes(place)) continue;
        if (!inRange(v.date, from, to)) continue;
        rows.push(v);
        totals.visits += 1;
        totals.households += v.households;
        totals.leads += v.leads;
        totals.problemsSolved += v.problemsSolved;
      }
      rows.sort((a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt));
      return { rows: rows.slice(0, LIST_LIMIT), totals };
    },
  };
}
