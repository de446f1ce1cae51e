import { randomUUID } from 'node:crypto';
import { draftSupervisionLetter } from '../../../shared/domain/letters.js';
import { addDays } from '../../../shared/domain/calendar.js';
import { AppError } from '../../../shared/errors.js';
import type { BackendContext } from '../context.js';
import type { Handlers } from '../dispatch.js';
import { localIsoDate } from '../time.js';
import { getCase, toDetail } from './cases/cases.js';

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
      if (current.updatedAt !== expectedUpdatedAt) throw new AppError('CONFLICT', '该信访件已在别处被修改，请刷新后再保存');
      const at = ctx.now().toISOString();
      const saved = { ...letter, id: randomUUID(), createdAt: at, createdBy: ctx.actor() };
      const record = {
        ...current,
        letters: [...current.letters, saved],
        updatedAt: at,
        history: [...current.history, { at, actor: ctx.actor(), action: 'letter' as const, summary: `起草${letter.kind}：${letter.title}（主送 ${letter.addressee}）`, changes: [] }],
      };
      await ctx.store.cases.put(record);
      ctx.ledger.update(record);
      ctx.emit('cases.changed', { ids: [id] });
      return toDetail(ctx, record);
    },
  };
}
