import type { CaseInput, CaseRecord, ReporterInput } from '../../../../shared/domain/case.js';

/** What an edit changed, field by field, for the case's history. The reporter's identity is never written out. */
const FIELDS: { label: string; value(c: CaseInput): string }[] = [
  { label: '收件日期', value: (c) => c.receivedDate },
  { label: '反映方式', value: (c) => c.channel },
  { label: '来源', value: (c) => c.source },
  { label: '上级机关', value: (c) => c.upperOffice },
  { label: '上级文号', value: (c) => c.upperRefNo },
  { label: '信访类型', value: (c) => c.kind },
  { label: '问题类别', value: (c) => c.categories.join('、') },
  { label: '涉及领域', value: (c) => c.domains.join('、') },
  { label: '所属区域', value: (c) => c.region },
  { label: '主要问题摘要', value: (c) => c.summary },
  {
    label: '被反映人',
    value: (c) => c.accused.map((a) => [a.name, a.unit, a.post, a.rank, a.politicalStatus].filter(Boolean).join('，')).join('；'),
  },
  { label: '附件', value: (c) => c.attachments.map((a) => a.name).join('、') },
  { label: '实名/匿名', value: (c) => (c.reporter.realName ? '实名' : '匿名') },
];

/** The record's fields as an input; without the opened identity only the real-name flag is compared. */
export function inputOf(record: CaseRecord, reporter?: ReporterInput): CaseInput {
  const { receivedDate, channel, source, upperOffice, upperRefNo, kind, categories, domains, region, summary, accused, attachments } = record;
  return { receivedDate, channel, source, upperOffice, upperRefNo, kind, categories, domains, region, summary, accused, attachments, reporter: reporter ?? { realName: record.identity.realName, persons: [] } };
}

export function describeChanges(before: CaseInput, after: CaseInput) {
  const changes = FIELDS.map((f) => ({ field: f.label, before: f.value(before), after: f.value(after) })).filter((c) => c.before !== c.after);
  if (JSON.stringify(before.reporter.persons) !== JSON.stringify(after.reporter.persons)) {
    changes.push({ field: '检举控告人信息', before: '（保密）', after: '（保密，已修改）' });
  }
  return changes;
}
