import { addDays, daysBetween } from '../../../shared/domain/calendar.js';
import type { DualFeedback, ReporterFeedback, ReporterView, ReturnVisit, Satisfaction } from '../../../shared/domain/aftercare.js';
import { ARCHIVE_CHECKLIST, type ArchiveInput, type Retention } from '../../../shared/domain/archive.js';
import type { LoopStep } from '../../../shared/domain/loop.js';

/**
 * What follows a demo case's closing, by its age: the result feedback to real-name reporters (most accept it, some
 * object), a 双反馈 to the township for some, 回访 a week or two later (about one in ten unsatisfied, most of those
 * visited again), and the archive a month or more after closing — so the bulletins have rates to show.
 */
export interface DemoAftercare {
  feedbacks: ReporterFeedback[];
  dualFeedbacks: DualFeedback[];
  returnVisits: ReturnVisit[];
  /** The 卷号 is given when the case is stored (numbered per year in archive-date order). */
  archive: ArchiveInput | null;
}

const NONE: DemoAftercare = { feedbacks: [], dualFeedbacks: [], returnVisits: [], archive: null };
const VISITORS = ['张明', '李芳', '王磊', '田静'];
const OBJECTIONS = ['认为处理偏轻，已解释处理依据和程序', '认为核查不全面，已说明核查范围和方法', '对结论有异议，已告知可向上级反映'];

export function demoAftercare(steps: readonly LoopStep[], realName: boolean, region: string, today: string, r: () => number): DemoAftercare {
  const close = steps.at(-1);
  if (close?.kind !== 'close') return NONE;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const weighted = <T>(options: [T, number][]): T => {
    let x = r() * options.reduce((s, [, w]) => s + w, 0);
    for (const [v, w] of options) if ((x -= w) < 0) return v;
    return options[0]![0];
  };
  const stamp = (date: string, by: string, id: string) => ({ id, recordedAt: `${date}T02:00:00.000Z`, recordedBy: by });
  const closedOn = close.at;
  const out: DemoAftercare = { feedbacks: [], dualFeedbacks: [], returnVisits: [], archive: null };

  const fed = steps.findLast((s) => s.kind === 'feedback');
  if (realName && fed) {
    const view: ReporterView = weighted([['认可', 70], ['部分认可', 15], ['不认可', 8], ['未表态', 7]]);
    out.feedbacks.push({
      date: fed.at,
      method: weighted([['书面反馈', 4], ['当面反馈', 3], ['电话反馈', 2], ['上门反馈', 1]]),
      by: fed.by,
      content: '向检举控告人反馈了核查结论和处理情况',
      view,
      objection: view === '不认可' || view === '部分认可' ? pick(OBJECTIONS) : '',
      newEvidence: '',
      ...stamp(fed.at, fed.by, 'demo-feedback-1'),
    });
  }
  if (r() < 0.12 && daysBetween(closedOn, today) > 2) {
    const date = addDays(closedOn, 2);
    const by = pick(VISITORS);
    const answered = daysBetween(date, today) > 20 && r() < 0.85;
    out.dualFeedbacks.push({
      date,
      recipient: `${region}党委`,
      method: '书面函告',
      by,
      matters: '反映人提出的补助政策、项目质量等诉求，属地方党委政府职责，函告督促解决',
      response: answered ? { date: addDays(date, 15), content: '已组织核实并答复当事群众', resolved: r() < 0.8 } : null,
      ...stamp(date, by, 'demo-dual-1'),
    });
  }
  const firstVisit = addDays(closedOn, 5 + Math.floor(r() * 10));
  if (realName && firstVisit <= today && r() < 0.88) {
    const by = pick(VISITORS);
    const satisfaction: Satisfaction = weighted([['满意', 68], ['基本满意', 22], ['不满意', 10]]);
    const unsatisfied = satisfaction === '不满意';
    const method = weighted([['电话回访', 6], ['上门回访', 3], ['当面回访', 1]] as const);
    out.returnVisits.push({
      date: firstVisit,
      method,
      by,
      satisfaction,
      opinion: unsatisfied ? '认为问题未彻底解决' : '',
      measures: unsatisfied ? '约谈解释处理依据，督促属地跟进' : '',
      secondVisitBy: unsatisfied ? addDays(firstVisit, 15) : undefined,
      round: 1,
      ...stamp(firstVisit, by, 'demo-visit-1'),
    });
    const second = addDays(firstVisit, 10);
    if (unsatisfied && second <= today && r() < 0.9) {
      out.returnVisits.push({ date: second, method: '上门回访', by, satisfaction: r() < 0.7 ? '基本满意' : '满意', opinion: '', measures: '', round: 2, ...stamp(second, by, 'demo-visit-2') });
    }
  }
  const owed = out.returnVisits.at(-1)?.satisfaction === '不满意';
  const archivedOn = addDays(closedOn, 30 + Math.floor(r() * 60));
  if (!owed && archivedOn <= today && r() < 0.85) {
    const retention: Retention = weighted([['10年', 6], ['30年', 3], ['永久', 1]]);
    out.archive = { date: archivedOn, retention, checklist: [...ARCHIVE_CHECKLIST], pages: 6 + Math.floor(r() * 50), by: pick(VISITORS), note: '' };
  }
  return out;
}
