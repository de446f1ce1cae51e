import { App, Form, Input, Modal } from 'antd';
import type { PasswordPolicy } from '../../../../shared/domain/users';
import { api, errorMessage } from '../../api/client';
import { NewPasswordFields } from './PasswordInput';

export function ChangePasswordModal({ open, policy, onClose }: { open: boolean; policy: PasswordPolicy; onClose(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ oldPassword: string; password: string }>();
  return (
    <Modal
      open={open}
      title="修改密码"
      okText="保存"
      cancelText="取消"
      destroyOnHidden
      onCancel={onClose}
      onOk={async () => {
        const v = await form.validateFields();
        try {
          await api['auth.changePassword']({ oldPassword: v.oldPassword, newPassword: v.password });
          message.success('密码已修改');
          onClose();
        } catch (err) {
          message.error(errorMessage(err));
        }
      }}
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="oldPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <NewPasswordFields policy={policy} label="新密码" />
      </Form>
    </Modal>
  );
}
