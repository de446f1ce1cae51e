import { SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import type { ExchangeStatus } from '../../../../shared/domain/exchange';
import { api, errorMessage } from '../../api/client';
import { saveFile } from '../../host/files';
import { dateTime } from '../documents/common';
import { ProgressLine } from './ProgressLine';
import { BUNDLE_MIME, useExchangeProgress } from './hooks';

/** 备份: the whole office in one passphrase-encrypted file for a USB stick, and how often to be reminded. */
export function BackupPage({ status, onChanged, canManage }: { status: ExchangeStatus; onChanged(): void; canManage: boolean }) {
  const { message } = App.useApp();
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const progress = useExchangeProgress('backup', busy);

  async function backup() {
    setBusy(true);
    try {
      const file = await api['exchange.backup']({ passphrase });
      saveFile(file.fileName, file.base64, BUNDLE_MIME);
      message.success(`已生成备份（${file.caseCount} 件），请保存到 U 盘并妥善保管`);
      setPassphrase('');
      setRepeat('');
      onChanged();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function setReminder(remindDays: number | null) {
    if (!remindDays) return;
    try {
      await api['exchange.setBackupReminder']({ remindDays });
      onChanged();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title="完整备份">
        <Typography.Paragraph>
          上次备份：<span data-testid="last-backup">{status.backup.lastAt ? dateTime(status.backup.lastAt) : '从未备份'}</span>
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">
          备份包含本机关设置、全部信访件及办理记录、检举控告人身份、附件与文书、文号登记簿、交换密钥与记录，以口令加密并由本机关签名。
          用户账号不在备份中：恢复后由管理员重新建立。口令遗失则备份无法打开。
        </Typography.Paragraph>
        {canManage ? (
          <Form layout="inline">
            <Form.Item label="备份口令">
              <Input.Password aria-label="备份口令" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="new-password" placeholder="至少 8 个字符" />
            </Form.Item>
            <Form.Item label="再次输入">
              <Input.Password aria-label="再次输入备份口令" value={repeat} onChange={(e) => setRepeat(e.target.value)} autoComplete="new-password" status={repeat && repeat !== passphrase ? 'error' : undefined} />
            </Form.Item>
            <Button type="primary" icon={<SaveOutlined />} loading={busy} disabled={passphrase.length < 8 || passphrase !== repeat} onClick={() => void backup()}>
              生成备份
            </Button>
          </Form>
        ) : (
          <Alert type="info" showIcon title="备份须由管理员生成" />
        )}
        <ProgressLine busy={busy} progress={progress} label="正在生成备份" />
      </Card>
      <Card size="small" title="备份提醒">
        <Space>
          每隔
          <InputNumber aria-label="提醒间隔" min={1} max={90} value={status.backup.remindDays} disabled={!canManage} onChange={(v) => void setReminder(v)} />
          天未备份时，在“交换”中提醒
        </Space>
      </Card>
      <Card size="small" title="从备份恢复">
        <Typography.Paragraph type="secondary">
          恢复只能在空白安装中进行：在新电脑上首次使用、创建管理员后，在“设置本机关信息”页面选择“从备份恢复”。本机已有数据，不能在此恢复。
        </Typography.Paragraph>
      </Card>
    </Space>
  );
}
