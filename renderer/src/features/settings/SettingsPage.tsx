import { Alert, App, Card, Descriptions, Spin } from 'antd';
import type { OfficeSettings } from '../../../../shared/domain/office';
import { api, errorMessage } from '../../api/client';
import { useAsync } from '../../useAsync';
import { OfficeForm } from './OfficeForm';

export function SettingsPage() {
  const { message } = App.useApp();
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
    <div className="page">
      <Card title="本机关信息" style={{ marginBottom: 16 }}>
        <OfficeForm initial={settings.value.office} submitText="保存设置" onSubmit={save} />
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
    </div>
  );
}
