import { archiveCounterKey, formatVolumeNo, type CaseArchive } from '../../../shared/domain/archive.js';
import type { CaseInput, CaseRecord } from '../../../shared/domain/case.js';
import { AppError } from '../../../shared/errors.js';
import type { BackendContext } from '../context.js';
import { generateDemoCases, type DemoCase } from '../demo/generator.js';
import { generateDemoVisits, type DemoCaseRef } from '../demo/visits.js';
import type { Handlers } from '../dispatch.js';
import { statusOfCase } from '../../../shared/domain/case.js';
import { localIsoDate } from '../time.js';
import { createCases } from './cases/cases.js';

export const DEMO_ACTOR = '演示数据';

/** 卷号 for the demo archives: per year in archive-date order, from the year's counter (saved before use). */
async function volumeNumbers(ctx: BackendContext, demo: readonly DemoCase[]): Promise<Map<number, CaseArchive>> {
  const archived = demo.flatMap((d, i) => (d.aftercare.archive ? [{ i, archive: d.aftercare.archive }] : [])).sort((a, b) => a.archive.date.localeCompare(b.archive.date) || a.i - b.i);
  const byYear = new Map<number, typeof archived>();
  for (const a of archived) {
    const year = Number(a.archive.date.slice(0, 4));
    const list = byYear.get(year);
    if (list) list.push(a);
    else byYear.set(year, [a]);
  }
  const out = new Map<number, CaseArchive>();
  for (const [year, list] of byYear) {
    const first = await ctx.store.takeNumbers(archiveCounterKey(year), list.length);
    list.forEach(({ i, archive }, k) => {
      const serial = first + k;
      out.set(i, { ...archive, year, serial, volumeNo: formatVolumeNo(year, serial), recordedAt: `${archive.date}T08:00:00.000Z`, recordedBy: DEMO_ACTOR });
    });
  }
  return out;
}

/** Writes N generated cases with their scanned attachments, aftercare and visits; the same seed gives the same data. */
export async function seedDemoCases(ctx: BackendContext, count: number, seed: number): Promise<number> {
  const demo = generateDemoCases(count, seed, ctx.now());
  const inputs: CaseInput[] = [];
  for (const { input, files } of demo) {
    const attachments = [];
    for (const [i, f] of files.entries()) {
      const sha256 = await ctx.store.attachments.put(f.bytes);
      attachments.push({ id: `${sha256.slice(0, 16)}-${i}`, name: f.name, sha256, size: f.bytes.length, mime: 'application/pdf', addedAt: ctx.now().toISOString() });
    }
    inputs.push({ ...input, attachments });
  }
  const archives = await volumeNumbers(ctx, demo);
  const refs: DemoCaseRef[] = [];
  const batch = 5000;
  for (let i = 0; i < inputs.length; i += batch) {
    const created = await createCases(ctx, inputs.slice(i, i + batch), DEMO_ACTOR, '登记（演示数据）');
    // Take each case as far through the loop as its age suggests, with the deadlines and aftercare that follow.
    const progressed = created.map((record, j): CaseRecord => {
      const { progress, aftercare } = demo[i + j]!;
      const { steps, fulfilments } = progress;
      const closedOn = steps.at(-1)?.kind === 'close' ? steps.at(-1)!.at : null;
      refs.push({ id: record.id, caseNo: record.caseNo, region: record.region || '容美镇', receivedDate: record.receivedDate, closedOn });
      if (steps.length === 0 && fulfilments.length === 0) return record;
      const archive = archives.get(i + j) ?? null;
      const next = { ...record, steps, fulfilments, feedbacks: aftercare.feedbacks, dualFeedbacks: aftercare.dualFeedbacks, returnVisits: aftercare.returnVisits, archive };
      return { ...next, status: statusOfCase(ctx.view.stage(next), archive), deadlines: ctx.view.frozenDeadlines(next) };
    });
    await ctx.store.cases.put(...progressed);
    progressed.forEach((r) => ctx.ledger.update(r));
  }
  const visits = generateDemoVisits(refs, seed, localIsoDate(ctx.now()));
  await ctx.store.householdVisits.put(...visits.households);
  await ctx.store.fieldVisits.put(...visits.fieldVisits);
  return inputs.length;
}

export function demoHandlers(ctx: BackendContext): Pick<Handlers, 'demo.load'> {
  return {
    async 'demo.load'({ cases }) {
      if (ctx.store.cases.size > 0) throw new AppError('CONFLICT', '本机已有信访件，为免混淆，不能再载入演示数据');
      return { created: await seedDemoCases(ctx, cases, 1) };
    },
  };
}
