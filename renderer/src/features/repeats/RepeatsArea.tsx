import { Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { onNavigate, takeTab } from '../../navigation';
import { CaseDetailPage } from '../cases/CaseDetailPage';
import { ChainsPage } from './ChainsPage';
import { DifficultPage } from './DifficultPage';
import { RepeatReportPage } from './RepeatReportPage';

/** 重复件: chains by count, 重点疑难件 with their task forces, and the periodic report for 通报. */
export function RepeatsArea() {
  const [caseId, setCaseId] = useState<string | null>(null);
  const [tab, setTab] = useState(() => takeTab('repeats') ?? 'chains');
  useEffect(
    () =>
      onNavigate((target) => {
        if (target.area !== 'repeats' || !target.tab) return;
        setCaseId(null);
        setTab(takeTab('repeats') ?? target.tab);
      }),
    [],
  );
  if (caseId) return <CaseDetailPage id={caseId} onBack={() => setCaseId(null)} backLabel="返回重复件" />;
  return (
    <div className="page">
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'chains', label: '重复件链', children: <ChainsPage onOpenCase={setCaseId} /> },
          { key: 'difficult', label: '重点疑难件', children: <DifficultPage onOpenCase={setCaseId} /> },
          { key: 'report', label: '定期报告', children: <RepeatReportPage onOpenCase={setCaseId} /> },
        ]}
      />
    </div>
  );
}
