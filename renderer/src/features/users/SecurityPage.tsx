import { App, Button, Card, Form, Input, InputNumber, Modal, Space } from 'antd';
import { useState } from 'react';
import type { PasswordPolicy } from '../../../../shared/domain/users';
import { api, errorMessage } from '../../api/client';
import { RecoveryKeyNotice } from '../auth/RecoveryKeyNotice';

/** 安全策略: password rules, lockout and idle lock; and a new recovery key (the old one stops working). */
export function SecurityPage({ policy, onChanged }: { policy: PasswordPolicy; onChanged(): void }) {
  const { message } = App.useApp();
  const [asking, setAsking] = useState(false);
  const [password, setPassword] = useState('');
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  if (recoveryKey) return <RecoveryKeyNotice recoveryKey={recoveryKey} onConfirmed={() => setRecoveryKey(null)} />;
  const number = (name: keyof PasswordPolicy, label: string, min: number, max: number, unit: string) => (
    <Form.Item name={name} label={label} rules={[{ required: true }]}>
      <InputNumber min={min} max={max} addonAfter={unit} style={{ width: 180 }} />
    </Form.Item>
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card title="密码与锁定策略">
        <Form<PasswordPolicy>
          layout="inline"
          initialValues={policy}
          onFinish={async (v) => {
            try {
              await api['security.updatePolicy'](v);
              message.success('安全策略已保存');
              onChanged();
            } catch (err) {
              message.error(errorMessage(err));
            }
          }}
        >
          {number('minLength', '密码最短', 6, 64, '个字符')}
          {number('minClasses', '字符种类至少', 1, 4, '类')}
          {number('maxFailures', '连续失败', 3, 20, '次锁定')}
          {number('lockoutMinutes', '锁定时长', 1, 1440, '分钟')}
          {number('idleMinutes', '无操作自动锁定', 1, 120, '分钟')}
          <Button type="primary" htmlType="submit">保存</Button>
        </Form>
      </Card>
      <Card title="恢复密钥">
        <p>重新生成恢复密钥后，旧的恢复密钥立即作废。</p>
        <Button onClick={() => setAsking(true)}>重新生成恢复密钥</Button>
        <Modal
          open={asking}
          title="请输入您的密码以确认"
          okText="生成"
          cancelText="取消"
          onCancel={() => setAsking(false)}
          onOk={async () => {
            try {
              const r = await api['security.createRecoveryKey']({ password });
              setAsking(false);
              setPassword('');
              setRecoveryKey(r.recoveryKey);
            } catch (err) {
              message.error(errorMessage(err));
            }
          }}
        >
          <Input.Password value={password} onChange={(e) => setPassword(e.target.value)} aria-label="当前密码" />
        </Modal>
      </Card>
    </Space>
  );
}
