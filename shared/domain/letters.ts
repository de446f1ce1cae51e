import { z } from 'zod';

/**
 * 督办函 drafts saved with a case before the documents module (documents/) issued letters: kept so that old cases
 * still show them; new letters are issued as documents.
 */
export const LETTER_KINDS = ['督办函'] as const;

export const LetterDraft = z.object({
  id: z.string(),
  kind: z.enum(LETTER_KINDS),
  title: z.string().trim().min(2, '请填写标题').max(100),
  /** 主送机关 */
  addressee: z.string().trim().min(2, '请填写主送机关').max(60),
  paragraphs: z.array(z.string().trim().max(2000)).min(1, '请填写正文').max(50),
  /** 回复期限 written in the letter. */
  replyBy: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type LetterDraft = z.infer<typeof LetterDraft>;
