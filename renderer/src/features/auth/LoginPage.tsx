import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { SessionInfo } from '../../../../shared/domain/users';
import { api, errorMessage } from '../../api/client';
import { NewPasswordFields } from './PasswordInput';

/** Login, and unlocking after an idle lock (any user may log in then: the PC is shared). */
export function LoginPage({ session, onLoggedIn }: { session: SessionInfo; onLoggedIn(s: SessionInfo): void }) {
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [recovering, setRecovering] = useState(false);
  const [recoverForm] = Form.useForm<{ recoveryKey: string; name: string; password: string }>();

  async function login(values: { name: string; password: string }) {
    setBusy(true);
    try {
      onLoggedIn(await api['auth.login'](values));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div style={{ display: 'flex', justifyContent: 'center', alignItems: 'center', minHeight: '100%', background: '#f5f5f5' }}>
      <Card style={{ width: 400 }} title={<span style={{ color: '#8b0000' }}>信访举报工作台</span>}>
        {session.locked && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={`长时间未操作，已自动锁定（${session.lockedUserName}）。请重新登录。`} />}
        {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={error} />}
        <Form layout="vertical" onFinish={login} initialValues={{ name: session.lockedUserName ?? '' }}>
          <Form.Item name="name" label="登录名" rules={[{ required: true, message: '请输入登录名' }]}>
            <Input prefix={<UserOutlined />} autoFocus={!session.lockedUserName} autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoFocus={Boolean(session.lockedUserName)} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          连续输错密码 {session.policy.maxFailures} 次将锁定账户 {session.policy.lockoutMinutes} 分钟。忘记密码请联系管理员；
          <Typography.Link onClick={() => setRecovering(true)}>管理员使用恢复密钥</Typography.Link>
        </Typography.Paragraph>
      </Card>
      <Modal
        open={recovering}
        title="使用恢复密钥重设管理员密码"
        okText="重设并登录"
        cancelText="取消"
        onCancel={() => setRecovering(false)}
        onOk={async () => {
          const v = await recoverForm.validateFields();
          try {
            const s = await api['auth.recover']({ recoveryKey: v.recoveryKey, name: v.name, newPassword: v.password });
            message.success('管理员密码已重设');
            setRecovering(false);
            onLoggedIn(s);
          } catch (err) {
            message.error(errorMessage(err));
          }
        }}
      >
        <Form form={recoverForm} layout="vertical">
          <Form.Item name="recoveryKey" label="恢复密钥" rules={[{ required: true, message: '请输入初始设置时打印的恢复密钥' }]}>
            <Input placeholder="XXXX-XXXX-XXXX-…" />
          </Form.Item>
          <Form.Item name="name" label="管理员登录名" rules={[{ required: true, message: '请输入管理员登录名' }]}>
            <Input />
          </Form.Item>
          <NewPasswordFields policy={session.policy} label="新密码" />
        </Form>
      </Modal>
    </div>
  );
}
