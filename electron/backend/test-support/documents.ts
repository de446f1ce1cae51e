import type { CaseInputDraft } from '../../../shared/domain/case.js';

/** A real-name case for document tests; the reporter's details must never appear in what is not addressed to them. */
export const REPORTER = { name: '田晓梅', phone: '13700001111', idNumber: '422828198503150024', address: '鹤峰县容美镇民族路18号' };
export const REAL_NAME_CASE: CaseInputDraft = {
  receivedDate: '2026-10-12',
  channel: '来信',
  source: '本级受理',
  kind: '检举控告',
  summary: '反映走马镇财政所所长赵某某在发放惠民惠农补贴资金过程中优亲厚友、虚报冒领。',
  reporter: { realName: true, persons: [REPORTER] },
  accused: [{ type: 'person', name: '赵某某', unit: '走马镇财政所', post: '所长' }],
};
