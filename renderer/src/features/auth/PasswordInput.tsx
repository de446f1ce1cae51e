import { Form, Input } from 'antd';
import { checkPassword, type PasswordPolicy } from '../../../../shared/domain/users';

/** A new password with the office's policy checked as the user types, and a confirmation field. */
export function NewPasswordFields({ policy, name = 'password', label = '密码' }: { policy: PasswordPolicy; name?: string; label?: string }) {
  return (
    <>
      <Form.Item
        name={name}
        label={label}
        extra={`至少 ${policy.minLength} 个字符，含大写字母、小写字母、数字、符号中的至少 ${policy.minClasses} 类`}
        rules={[{ required: true, message: '请输入密码' }, { validator: async (_r, v: string) => { const p = checkPassword(v ?? '', policy); if (p) throw new Error(p); } }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name={`${name}Again`}
        label={`确认${label}`}
        dependencies={[name]}
        rules={[
          { required: true, message: '请再次输入密码' },
          ({ getFieldValue }) => ({ validator: async (_r, v: string) => { if (v !== getFieldValue(name)) throw new Error('两次输入的密码不一致'); } }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
