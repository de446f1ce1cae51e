import { App, Card, Typography } from 'antd';
import type { OfficeSettings } from '../../../../shared/domain/office';
import { api, errorMessage } from '../../api/client';
import { RestoreBackup } from '../exchange/RestoreBackup';
import { OfficeForm } from '../settings/OfficeForm';

/** First run: record the office before anything else can be done. */
export function SetupPage({ onDone }: { onDone(): void }) {
  const { message } = App.useApp();
  async function submit(office: OfficeSettings) {
    try {
      await api['settings.setupOffice'](office);
      message.success('初始设置已保存');
      onDone();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 32 }}>
      <Card style={{ width: 720 }} title="首次使用：设置本机关信息" extra={<RestoreBackup onRestored={onDone} />}>
        <Typography.Paragraph type="secondary">
          以下信息用于信访件编号和文书版头，之后可在“设置”中修改。
        </Typography.Paragraph>
        <OfficeForm submitText="保存并开始使用" onSubmit={submit} />
      </Card>
    </div>
  );
}
