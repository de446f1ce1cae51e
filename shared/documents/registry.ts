import { z } from 'zod';
import { DOCUMENT_TYPES } from './model.js';

/**
 * The 文号 registry: every number taken, whether the document was issued or the number voided, so that no number is
 * reused or skipped without a record.
 */
export const RegistryEntry = z.object({
  docNo: z.string(),
  code: z.string(),
  year: z.number().int(),
  seq: z.number().int().positive(),
  type: z.enum(DOCUMENT_TYPES),
  caseId: z.string(),
  caseNo: z.string(),
  /** The issued document in its case; null when the number was voided before a document was made. */
  documentId: z.string().nullable(),
  title: z.string(),
  takenAt: z.string(),
  takenBy: z.string(),
  status: z.enum(['issued', 'voided']),
  voided: z.object({ at: z.string(), by: z.string(), reason: z.string() }).nullable().default(null),
});
export type RegistryEntry = z.infer<typeof RegistryEntry>;

export const RegistryQuery = z.object({ year: z.number().int().min(2000).max(2100).optional() });
