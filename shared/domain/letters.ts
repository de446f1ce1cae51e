import { z } from 'zod';
import { OBLIGATION_LABELS, type Deadline } from './deadlines.js';
import type { LoopState } from './loop.js';

/**
 * Letter drafts kept with a case until the documents module renders them in the national format. A draft never
 * carries the reporter's identity: a 督办函 goes to the handling unit.
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

const cn = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

export interface SupervisionFacts {
  caseNo: string;
  receivedDate: string;
  /** e.g. 走马镇财政所所长赵某 */
  accused: string;
  state: LoopState;
  /** The open deadline being chased. */
  deadline: Deadline | undefined;
  today: string;
  replyBy: string;
}

/** A 督办函 draft from the case: what was handed over when, what fell due, what is asked now. */
export function draftSupervisionLetter(f: SupervisionFacts): Omit<LetterDraft, 'id' | 'createdAt' | 'createdBy'> {
  const routed = f.state.steps.find((s) => s.kind === 'route');
  const handedOver = routed && f.state.routing ? `，已于${cn(routed.at)}按“${f.state.routing}”交由你单位办理` : '';
  const due = f.deadline?.due;
  const overdue = due && due < f.today ? `，截至${cn(f.today)}已超期` : due ? `，现已临近期限` : '';
  return {
    kind: '督办函',
    title: `关于督促办理${f.caseNo}信访举报件的函`,
    addressee: f.state.recipient ?? '',
    paragraphs: [
      `${cn(f.receivedDate)}，我委收到反映${f.accused || '有关人员'}问题的信访举报件（编号${f.caseNo}）${handedOver}。`,
      f.deadline ? `按照规定，该件的“${OBLIGATION_LABELS[f.deadline.obligation]}”应于${due ? cn(due) : '规定期限内'}前完成${overdue}。` : '该件目前尚未办结。',
      `请你单位高度重视，抓紧办理，于${cn(f.replyBy)}前将办理情况书面报送我委；确有特殊情况不能按期办结的，请书面说明理由和预计办结时间。`,
      '特此函告。',
    ],
    replyBy: f.replyBy,
  };
}
