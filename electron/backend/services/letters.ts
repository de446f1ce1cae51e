import { randomUUID } from 'node:crypto';
import { draftSupervisionLetter } from '../../../shared/domain/letters.js';
import { addDays } from '../../../shared/domain/calendar.js';
import type { BackendContext } from '../context.js';
import type { Handlers } from '../dispatch.js';
import { localIsoDate } from '../time.js';
import { checkFresh, getCase, saveCase } from './cases/cases.js';

/** 督办函 drafts: filled from the case's loop and its most pressing open deadline, edited, kept with the case. */
export function letterHandlers(ctx: BackendContext): Pick<Handlers, 'letters.draftSupervision' | 'letters.save'> {
  return {
    async 'letters.draftSupervision'({ id }) {
      const record = getCase(ctx, id);
      const today = localIsoDate(ctx.now());
      const open = ctx.view.deadlines(record).filter((d) => !d.fulfilledAt).sort((a, b) => (a.due ?? '').localeCompare(b.due ?? ''));
      const replyIn = ctx.view.calendar().addWorkingDays(today, 5);
      return draftSupervisionLetter({
        caseNo: record.caseNo,
        receivedDate: record.receivedDate,
        accused: record.accused.map((a) => (a.type === 'unit' ? a.name : `${a.unit}${a.post}${a.name}`)).join('、'),
        state: ctx.view.state(record),
        deadline: open[0],
        today,
        replyBy: replyIn.due ?? addDays(today, 7),
      });
    },
    async 'letters.save'({ id, expectedUpdatedAt, letter }) {
      const current = getCase(ctx, id);
      checkFresh(current, expectedUpdatedAt);
      const saved = { ...letter, id: randomUUID(), createdAt: ctx.now().toISOString(), createdBy: ctx.actor() };
      return saveCase(ctx, current, { letters: [...current.letters, saved] }, { action: 'letter', summary: `起草${letter.kind}：${letter.title}（主送 ${letter.addressee}）` });
    },
  };
}
