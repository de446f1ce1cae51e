import type { CaseInput } from '../../../shared/domain/case.js';
import { AppError } from '../../../shared/errors.js';
import type { BackendContext } from '../context.js';
import { generateDemoCases } from '../demo/generator.js';
import type { Handlers } from '../dispatch.js';
import { statusOfStage } from '../../../shared/domain/case.js';
import { createCases } from './cases/cases.js';

export const DEMO_ACTOR = '演示数据';

/** Writes N generated cases with their scanned attachments; the same seed always gives the same cases. */
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
  const batch = 5000;
  for (let i = 0; i < inputs.length; i += batch) {
    const created = await createCases(ctx, inputs.slice(i, i + batch), DEMO_ACTOR, '登记（演示数据）');
    // Take each case as far through the loop as its age suggests, with the deadlines that follow from it.
    const progressed = created.map((record, j) => {
      const { steps, fulfilments } = demo[i + j]!.progress;
      if (steps.length === 0 && fulfilments.length === 0) return record;
      const next = { ...record, steps, fulfilments };
      return { ...next, status: statusOfStage(ctx.view.stage(next)), deadlines: ctx.view.frozenDeadlines(next) };
    });
    await ctx.store.cases.put(...progressed);
    progressed.forEach((r) => ctx.ledger.update(r));
  }
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
