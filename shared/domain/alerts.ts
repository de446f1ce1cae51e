import { z } from 'zod';
import { ALERTS, OBLIGATIONS } from './deadlines.js';
import { STAGES } from './loop.js';

/** 预警督办 overview: the cases that need chasing and where they sit. */
export const AlertRow = z.object({
  id: z.string(),
  caseNo: z.string(),
  summary: z.string(),
  stage: z.enum(STAGES),
  alert: z.enum(ALERTS),
  /** The open deadline that gives the colour. */
  obligation: z.enum(OBLIGATIONS).nullable(),
  due: z.string().nullable(),
  explanation: z.string(),
  department: z.string(),
  person: z.string(),
  supervisions: z.number().int(),
  updatedAt: z.string(),
});
export type AlertRow = z.infer<typeof AlertRow>;

const Tally = z.object({ name: z.string(), red: z.number().int(), yellow: z.number().int() });

export const AlertOverview = z.object({
  counts: z.object({ red: z.number().int(), yellow: z.number().int(), none: z.number().int(), blue: z.number().int() }),
  byDepartment: z.array(Tally),
  byPerson: z.array(Tally),
  /** Red first, then yellow; each by due date. */
  rows: z.array(AlertRow),
  missingYears: z.array(z.number().int()),
});
export type AlertOverview = z.infer<typeof AlertOverview>;

export const Recomputed = z.object({ recomputed: z.number().int(), tookMs: z.number() });
