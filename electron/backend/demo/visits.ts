import { addDays, daysBetween } from '../../../shared/domain/calendar.js';
import { DEFAULT_PRE_VISIT_QUESTIONS, type FieldVisit, type HouseholdVisit } from '../../../shared/domain/visits.js';
import { DEMO_TOWNS, rng } from './generator.js';

/**
 * Demo 入户走访 rows (about one for every five cases, in batches of a day's work) and 带信下访 (about one for every
 * forty cases, each taking one to three cases of a township; the last few still planned), deterministic per seed.
 */
const VILLAGES = ['屏山村', '大岩村', '升子村', '白果村', '金鸡口村', '三家台村', '红土村', '茶园村', '官仓村', '铁炉坪村'];
const STAFF = ['张明', '李芳', '王磊', '田静', '向红', '覃勇'];
const LEADERS = ['刘书记', '陈副书记', '杨主任'];
const PEOPLE = ['村民代表', '低保户', '五保户', '脱贫户', '老党员', '村民小组长', '外出务工返乡人员'];
const LEADS = ['反映低保评定不公开', '反映村道工程质量问题', '反映补助资金发放迟缓', '反映村干部优亲厚友'];
const SOLVED = ['协调解决饮水管道维修', '督促补发耕地地力补贴', '现场解答医保报销政策'];

export interface DemoCaseRef {
  id: string;
  caseNo: string;
  region: string;
  receivedDate: string;
  /** Closed (报结) on this date, or null while open. */
  closedOn: string | null;
}

export function generateDemoVisits(cases: readonly DemoCaseRef[], seed: number, today: string): { households: HouseholdVisit[]; fieldVisits: FieldVisit[] } {
  const r = rng(seed ^ 0x27d4eb2d);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const first = cases.reduce((min, c) => (c.receivedDate < min ? c.receivedDate : min), today);
  const span = Math.max(1, daysBetween(first, today));
  const day = () => addDays(first, Math.floor(r() * span));

  const households: HouseholdVisit[] = [];
  for (let batch = 0; households.length < Math.ceil(cases.length / 5); batch++) {
    const date = day();
    const town = pick(DEMO_TOWNS);
    const visitors = `${pick(STAFF)}、${pick(STAFF)}`;
    for (let i = int(2, 6); i > 0; i--) {
      const leads = r() < 0.3 ? int(1, 3) : 0;
      const solved = r() < 0.25 ? int(1, 2) : 0;
      households.push({
        date,
        place: `${town}${pick(VILLAGES)}`,
        visitors,
        peopleMet: `${pick(PEOPLE)} ${int(2, 12)} 人`,
        households: int(3, 25),
        leads,
        leadsNote: leads ? pick(LEADS) : '',
        problemsSolved: solved,
        solvedNote: solved ? pick(SOLVED) : '',
        id: `demo-household-${households.length + 1}`,
        batchId: `demo-batch-${batch + 1}`,
        createdAt: `${date}T09:00:00.000Z`,
        createdBy: visitors.split('、')[0]!,
      });
    }
  }

  const fieldVisits: FieldVisit[] = [];
  const total = Math.ceil(cases.length / 40);
  const byTown = new Map<string, DemoCaseRef[]>();
  for (const c of cases) {
    const list = byTown.get(c.region);
    if (list) list.push(c);
    else byTown.set(c.region, [c]);
  }
  const towns = [...byTown.keys()].sort();
  for (let n = 0; n < total && towns.length; n++) {
    const town = pick(towns);
    const pool = byTown.get(town)!;
    const planned = n >= total - 2;
    const date = planned ? addDays(today, int(3, 14)) : day();
    const taken = [...new Set(Array.from({ length: int(1, 3) }, () => pick(pool)))].filter((c) => c.receivedDate <= date);
    if (!taken.length) continue;
    const leaders = [pick(LEADERS)];
    const participants = [pick(STAFF), pick(STAFF)].filter((p, i, all) => all.indexOf(p) === i);
    const checklist = DEFAULT_PRE_VISIT_QUESTIONS.map((question) => ({ question, done: !planned || r() < 0.5, note: '' }));
    const solved = planned ? 0 : taken.filter(() => r() < 0.6).length;
    fieldVisits.push({
      id: `demo-field-${n + 1}`,
      status: planned ? 'planned' : 'done',
      date,
      place: town,
      leaders,
      participants,
      checklist,
      cases: taken.map((c, i) => ({
        caseId: c.id,
        caseNo: c.caseNo,
        finding: planned ? '' : '当面听取群众诉求，查看项目现场',
        decision: planned ? '' : c.closedOn ? '向群众说明处理结果，做好释疑' : '督促承办部门加快核查',
        solved: !planned && i < solved,
      })),
      visitedOn: planned ? null : date,
      summary: planned ? '' : `${leaders[0]}带队到${town}带信下访，召开群众座谈会，现场答复群众诉求`,
      problemsSolved: solved,
      createdAt: `${planned ? today : date}T01:00:00.000Z`,
      createdBy: participants[0]!,
      updatedAt: `${planned ? today : date}T08:00:00.000Z`,
    });
  }
  return { households, fieldVisits };
}
