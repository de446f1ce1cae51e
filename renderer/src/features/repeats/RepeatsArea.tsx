import { CaseTabsArea } from '../cases/CaseTabsArea';
import { ChainsPage } from './ChainsPage';
import { DifficultPage } from './DifficultPage';
import { RepeatReportPage } from './RepeatReportPage';

/** 重复件: chains by count, 重点疑难件 with their task forces, and the periodic report for 通报. */
export function RepeatsArea() {
  return (
    <CaseTabsArea
      area="repeats"
      backLabel="返回重复件"
      tabs={[
        { key: 'chains', label: '重复件链', render: (open) => <ChainsPage onOpenCase={open} /> },
        { key: 'difficult', label: '重点疑难件', render: (open) => <DifficultPage onOpenCase={open} /> },
        { key: 'report', label: '定期报告', render: (open) => <RepeatReportPage onOpenCase={open} /> },
      ]}
    />
  );
}
