import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Input, Modal, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { readFileBase64 } from '../../host/files';
import { ProgressLine } from './ProgressLine';
import { useExchangeProgress } from './hooks';

/** 从备份恢复, offered on first run instead of filling in the office: the backup brings the office with it. */
export function RestoreBackup({ onRestored }: { onRestored(): void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const progress = useExchangeProgress('restore', busy);

  async function restore() {
    if (!file) return;
    setBusy(true);
    try {
      const done = await api['exchange.restore']({ base64: file.base64, passphrase });
      message.success(`已从备份恢复 ${done.cases} 件`);
      setOpen(false);
      onRestored();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>从备份恢复</Button>
      <Modal open={open} title="从备份恢复" okText="恢复" okButtonProps={{ disabled: !file || !passphrase, loading: busy }} onOk={() => void restore()} onCancel={() => setOpen(false)} destroyOnHidden>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary">选择 U 盘中的备份文件（.xfb），输入生成备份时设置的口令。恢复后本机关信息、信访件和交换密钥与备份时相同；用户账号请重新建立。</Typography.Paragraph>
          <Upload accept=".xfb" showUploadList={false} beforeUpload={(f) => (void readFileBase64(f).then((base64) => setFile({ name: f.name, base64 })), false)}>
            <Button icon={<UploadOutlined />}>{file ? file.name : '选择备份文件'}</Button>
          </Upload>
          <Input.Password aria-label="备份口令" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} placeholder="备份口令" />
          <ProgressLine busy={busy} progress={progress} label="正在恢复" />
        </Space>
      </Modal>
    </>
  );
}
