import { z } from 'zod';

/** One line of the audit log as the administrator sees it. */
export const AuditEntryView = z.object({
  seq: z.number().int(),
  at: z.string(),
  user: z.string(),
  action: z.string(),
  actionLabel: z.string(),
  object: z.string(),
  outcome: z.enum(['success', 'failure', 'denied']),
  detail: z.string(),
  hash: z.string(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const AuditQuery = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  user: z.string().max(40).optional(),
  action: z.string().max(40).optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(500).default(50),
});
