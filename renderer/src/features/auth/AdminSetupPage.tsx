import { Alert, App, Button, Card, Checkbox, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import type { SessionInfo } from '../../../../shared/domain/users';
import { api, errorMessage } from '../../api/client';
import { NewPasswordFields } from './PasswordInput';
import { RecoveryKeyNotice } from './RecoveryKeyNotice';

interface Values {
  name: string;
  displayName: string;
  password: string;
  createRecoveryKey: boolean;
}

/** First run: the administrator, whose password protects the data keys; optionally a recovery key, shown once. */
export function AdminSetupPage({ session, onDone }: { session: SessionInfo; onDone(s: SessionInfo): void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ session: SessionInfo; recoveryKey: string | null } | null>(null);

  async function submit(values: Values) {
    setBusy(true);
    try {
      const r = await api['auth.setupAdmin']({ name: values.name, displayName: values.displayName, password: values.password, createRecoveryKey: values.createRecoveryKey });
      if (r.recoveryKey) setResult(r);
      else onDone(r.session);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  if (result?.recoveryKey) return <RecoveryKeyNotice recoveryKey={result.recoveryKey} onConfirmed={() => onDone(result.session)} />;

  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 32 }}>
      <Card style={{ width: 560 }} title="首次使用：创建管理员">
        <Typography.Paragraph type="secondary">
          本机全部数据（含检举控告人信息、附件、备份）均加密保存，密钥由各用户的密码保护。请牢记管理员密码。
        </Typography.Paragraph>
        <Form<Values> layout="vertical" onFinish={submit} initialValues={{ createRecoveryKey: true }}>
          <Form.Item name="name" label="管理员登录名" rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]{2,32}$/, message: '登录名为 2–32 位字母、数字、下划线、点或横线' }]}>
            <Input autoFocus autoComplete="username" />
          </Form.Item>
          <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
            <Input maxLength={20} />
          </Form.Item>
          <NewPasswordFields policy={session.policy} />
          <Form.Item name="createRecoveryKey" valuePropName="checked">
            <Checkbox>生成恢复密钥（所有密码遗失时用于恢复数据；只显示一次，须打印后妥善保管）</Checkbox>
          </Form.Item>
          <Alert type="info" showIcon style={{ marginBottom: 16 }} message="若不生成恢复密钥，遗失全部密码将无法恢复任何数据。" />
          <Button type="primary" htmlType="submit" loading={busy}>
            创建管理员
          </Button>
        </Form>
      </Card>
    </div>
  );
}
