import { Tabs } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { onNavigate, takeTab, type AreaKey } from '../../navigation';
import { CaseDetailPage } from './CaseDetailPage';

export interface CaseTab {
  key: string;
  label: string;
  render(openCase: (id: string) => void): ReactNode;
}

/** An area of tabbed lists whose rows open a case, with the way back; another area may ask for one of its tabs. */
export function CaseTabsArea({ area, backLabel, tabs }: { area: AreaKey; backLabel: string; tabs: CaseTab[] }) {
  const [caseId, setCaseId] = useState<string | null>(null);
  const [tab, setTab] = useState(() => takeTab(area) ?? tabs[0]!.key);
  useEffect(
    () =>
      onNavigate((target) => {
        if (target.area !== area || !target.tab) return;
        setCaseId(null);
        setTab(takeTab(area) ?? target.tab);
      }),
    [area],
  );
  if (caseId) return <CaseDetailPage id={caseId} onBack={() => setCaseId(null)} backLabel={backLabel} />;
  return (
    <div className="page">
      <Tabs activeKey={tab} onChange={setTab} items={tabs.map((t) => ({ key: t.key, label: t.label, children: t.render(setCaseId) }))} />
    </div>
  );
}
