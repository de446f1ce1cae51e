import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Space, Typography } from 'antd';
import { useState } from 'react';

/** The recovery key is shown exactly once: print it, then confirm it is stored safely. */
export function RecoveryKeyNotice({ recoveryKey, onConfirmed }: { recoveryKey: string; onConfirmed(): void }) {
  const [stored, setStored] = useState(false);
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 32 }}>
      <Card style={{ width: 620 }} title="恢复密钥（只显示这一次）">
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message="请立即打印并密封保存在保密柜中。持有恢复密钥即可解密本机全部数据，切勿拍照或存入电脑。" />
        <Typography.Paragraph data-testid="recovery-key" style={{ fontFamily: 'monospace', fontSize: 20, textAlign: 'center', letterSpacing: 1, padding: 16, border: '1px dashed #999' }}>
          {recoveryKey}
        </Typography.Paragraph>
        <Space direction="vertical">
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            打印
          </Button>
          <Checkbox checked={stored} onChange={(e) => setStored(e.target.checked)}>
            我已打印并妥善保管恢复密钥
          </Checkbox>
          <Button type="primary" disabled={!stored} onClick={onConfirmed}>
            继续
          </Button>
        </Space>
      </Card>
    </div>
  );
}
