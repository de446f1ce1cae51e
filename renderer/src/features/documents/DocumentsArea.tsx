import { CaseTabsArea } from '../cases/CaseTabsArea';
import { DocumentSettingsPage } from './DocumentSettingsPage';
import { DocumentsPage } from './DocumentsPage';

/** 文书: the 文号 registry (with the case one click away) and the office's document settings. */
export function DocumentsArea() {
  return (
    <CaseTabsArea
      area="documents"
      backLabel="返回文书"
      tabs={[
        { key: 'registry', label: '文号登记簿', render: (open) => <DocumentsPage onOpenCase={open} /> },
        { key: 'settings', label: '文书设置', render: () => <DocumentSettingsPage /> },
      ]}
    />
  );
}
