import { Alert, Badge, Result, Spin, Tabs } from 'antd';
import { useState } from 'react';
import { useCan } from '../auth/session';
import { BackupPage } from './BackupPage';
import { ConflictsPage } from './ConflictsPage';
import { ExportPage } from './ExportPage';
import { ImportPage } from './ImportPage';
import { SentPage } from './SentPage';
import { TrustedOfficesPage } from './TrustedOfficesPage';
import { useExchangeStatus } from './hooks';

/** 交换: USB bundles between offices (send, import, receipts, conflicts), trusted offices, and the office's backup. */
export function ExchangeArea() {
  const status = useExchangeStatus();
  const may = useCan();
  const [tab, setTab] = useState('import');
  if (status.error) return <Result status="error" title="无法读取交换信息" subTitle={status.error} />;
  if (!status.value) return <Spin size="large" style={{ display: 'block', marginTop: 120 }} />;
  const value = status.value;
  const reload = () => void status.reload();
  const waiting = value.sent.filter((s) => !s.acknowledgedAt).length;
  return (
    <div className="page">
      {value.backup.due && (
        <Alert
          type="warning"
          showIcon
          data-testid="backup-reminder"
          style={{ marginBottom: 12 }}
          title={value.backup.lastAt ? `已超过 ${value.backup.remindDays} 天未备份，请及时备份到 U 盘` : '本机尚未备份，请及时备份到 U 盘'}
          action={<a onClick={() => setTab('backup')}>去备份</a>}
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'import', label: '导入', children: may('case.write') ? <ImportPage onImported={reload} /> : <Alert type="info" showIcon title="当前角色无权导入" /> },
          { key: 'export', label: '发送交换包', children: may('export') ? <ExportPage status={value} onSent={reload} canRevealIdentity={may('identity.reveal')} /> : <Alert type="info" showIcon title="当前角色无权导出" /> },
          { key: 'sent', label: <Badge count={waiting} size="small" offset={[8, 0]}>发送记录</Badge>, children: <SentPage status={value} /> },
          { key: 'conflicts', label: <Badge count={value.conflicts} size="small" offset={[8, 0]}>交换冲突</Badge>, children: <ConflictsPage canWrite={may('case.write')} onResolved={reload} /> },
          { key: 'offices', label: '可信机关', children: <TrustedOfficesPage status={value} onChanged={reload} canManage={may('settings.write')} /> },
          { key: 'backup', label: '备份与恢复', children: <BackupPage status={value} onChanged={reload} canManage={may('settings.write')} /> },
        ]}
      />
    </div>
  );
}
