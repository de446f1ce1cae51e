import { Alert, App, Card, Descriptions, Spin, Tabs } from 'antd';
import type { OfficeSettings } from '../../../../shared/domain/office';
import type { SessionInfo } from '../../../../shared/domain/users';
import { api, errorMessage } from '../../api/client';
import { useAsync } from '../../useAsync';
import { useCan } from '../auth/session';
import { DeadlineSettingsPage } from '../loop/DeadlineSettingsPage';
import { AuditPage } from '../users/AuditPage';
import { SecurityPage } from '../users/SecurityPage';
import { UsersPage } from '../users/UsersPage';
import { OfficeForm } from './OfficeForm';

function OfficeTab() {
  const { message } = App.useApp();
  const can = useCan();
  const settings = useAsync(() => api['settings.get']({}));
  const info = useAsync(() => api['app.info']({}));
  async function save(office: OfficeSettings) {
    try {
      settings.setValue(await api['settings.updateOffice'](office));
      message.success('设置已保存');
    } catch (err) {
      message.error(errorMessage(err));
    }
  }
  if (settings.error) return <Alert type="error" message={settings.error} />;
  if (!settings.value) return <Spin />;
  return (
    <>
      <Card title="本机关信息" style={{ marginBottom: 16 }}>
        {can('settings.write') ? (
          <OfficeForm initial={settings.value.office} submitText="保存设置" onSubmit={save} />
        ) : (
          <Descriptions column={1} size="small" items={[
            { label: '机关全称', children: settings.value.office?.fullName },
            { label: '机关简称', children: settings.value.office?.shortName },
            { label: '编号规则', children: settings.value.office?.caseNoPattern },
          ]} />
        )}
      </Card>
      {info.value && (
        <Card title="关于本机">
          <Descriptions column={1} size="small">
            <Descriptions.Item label="版本">{info.value.version}</Descriptions.Item>
            <Descriptions.Item label="运行方式">{info.value.host === 'electron' ? '桌面窗口' : '浏览器模式（仅本机）'}</Descriptions.Item>
            <Descriptions.Item label="数据目录">{info.value.dataDir}</Descriptions.Item>
          </Descriptions>
        </Card>
      )}
    </>
  );
}

export function SettingsPage({ session, onSessionChanged }: { session: SessionInfo; onSessionChanged(): void }) {
  const can = useCan();
  return (
    <div className="page">
      <Tabs
        items={[
          { key: 'office', label: '本机关信息', children: <OfficeTab /> },
          { key: 'deadlines', label: '期限与节假日', children: <DeadlineSettingsPage /> },
          ...(can('users.manage')
            ? [
                { key: 'users', label: '用户管理', children: <UsersPage policy={session.policy} /> },
                { key: 'security', label: '安全策略', children: <SecurityPage policy={session.policy} onChanged={onSessionChanged} /> },
              ]
            : []),
          ...(can('audit.read') ? [{ key: 'audit', label: '审计日志', children: <AuditPage /> }] : []),
        ]}
      />
    </div>
  );
}
