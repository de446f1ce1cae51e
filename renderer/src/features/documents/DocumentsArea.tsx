import { Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { onNavigate, takeTab } from '../../navigation';
import { CaseDetailPage } from '../cases/CaseDetailPage';
import { DocumentSettingsPage } from './DocumentSettingsPage';
import { DocumentsPage } from './DocumentsPage';

/** 文书: the 文号 registry (with the case one click away) and the office's document settings. */
export function DocumentsArea() {
  const [caseId, setCaseId] = useState<string | null>(null);
  const [tab, setTab] = useState(() => takeTab('documents') ?? 'registry');
  useEffect(
    () =>
      onNavigate((target) => {
        if (target.area !== 'documents' || !target.tab) return;
        setCaseId(null);
        setTab(takeTab('documents') ?? target.tab);
      }),
    [],
  );
  if (caseId) return <CaseDetailPage id={caseId} onBack={() => setCaseId(null)} backLabel="返回文书" />;
  return (
    <div className="page">
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'registry', label: '文号登记簿', children: <DocumentsPage onOpenCase={setCaseId} /> },
          { key: 'settings', label: '文书设置', children: <DocumentSettingsPage /> },
        ]}
      />
    </div>
  );
}
