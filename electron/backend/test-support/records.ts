import type { CaseRecord } from '../../../shared/domain/case.js';

/** A stored case with nothing done yet: for tests of the store and the merge, which need records, not a backend. */
export function storedCase(i: number, patch: Partial<CaseRecord> = {}): CaseRecord {
  return {
    id: `case-${i}`,
    caseNo: `鹤纪信〔2026〕${i}号`,
    receivedDate: '2026-10-12',
    channel: '来信',
    source: '本级受理',
    upperOffice: '',
    upperRefNo: '',
    kind: '检举控告',
    categories: [],
    domains: [],
    region: '',
    summary: `第 ${i} 件：反映某镇财政所所长在发放补贴资金过程中优亲厚友。`,
    accused: [],
    attachments: [],
    status: '已登记',
    createdAt: '2026-10-12T00:00:00.000Z',
    updatedAt: '2026-10-12T00:00:00.000Z',
    history: [],
    identity: { realName: false, persons: [] },
    steps: [],
    deadlines: [],
    fulfilments: [],
    repeatOf: null,
    letters: [],
    documents: [],
    difficult: null,
    feedbacks: [],
    dualFeedbacks: [],
    returnVisits: [],
    archive: null,
    ...patch,
  };
}
