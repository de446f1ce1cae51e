import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { ROLE_PERMISSIONS, ROLES, roleMay, PERMISSIONS, type PasswordPolicy, type Role, type UserSummary } from '../../../../shared/domain/users';
import { api, errorMessage } from '../../api/client';
import { useAsync } from '../../useAsync';
import { NewPasswordFields } from '../auth/PasswordInput';
import { options } from '../cases/labels';

type Editing = { mode: 'create' } | { mode: 'edit'; user: UserSummary } | { mode: 'password'; user: UserSummary };

const roleHint = (role: Role) => ROLE_PERMISSIONS[role].map((p) => PERMISSIONS[p]).join('、');

/** 用户管理: administrators create users, set roles, disable accounts and reset passwords. */
export function UsersPage({ policy }: { policy: PasswordPolicy }) {
  const { message } = App.useApp();
  const users = useAsync(() => api['users.list']({}));
  const [editing, setEditing] = useState<Editing | null>(null);
  const [form] = Form.useForm();
  const role: Role | undefined = Form.useWatch('role', form);
  const needsPassword = editing?.mode === 'create' || editing?.mode === 'password' || (editing?.mode === 'edit' && role !== undefined && roleMay(role, 'identity.reveal') && !roleMay(editing.user.role, 'identity.reveal'));

  function open(e: Editing) {
    form.resetFields();
    if (e.mode !== 'create') form.setFieldsValue({ displayName: e.user.displayName, role: e.user.role, disabled: e.user.disabled });
    setEditing(e);
  }

  async function save() {
    const v = await form.validateFields();
    try {
      if (editing?.mode === 'create') await api['users.create']({ name: v.name, displayName: v.displayName, role: v.role, password: v.password });
      if (editing?.mode === 'edit') await api['users.update']({ id: editing.user.id, displayName: v.displayName, role: v.role, disabled: v.disabled, password: needsPassword ? v.password : undefined });
      if (editing?.mode === 'password') await api['users.resetPassword']({ id: editing.user.id, password: v.password });
      message.success('已保存');
      setEditing(null);
      void users.reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  return (
    <Card title="用户管理" extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => open({ mode: 'create' })}>新建用户</Button>}>
      {users.error && <Alert type="error" message={users.error} />}
      <Table<UserSummary>
        rowKey="id"
        size="small"
        loading={users.loading}
        dataSource={users.value ?? []}
        pagination={false}
        columns={[
          { title: '登录名', dataIndex: 'name' },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '角色', dataIndex: 'role', render: (r: Role) => <Tag color={r === '管理员' ? 'red' : 'blue'}>{r}</Tag> },
          {
            title: '状态',
            render: (_v, u) => (u.disabled ? <Tag>已停用</Tag> : u.lockedUntil && u.lockedUntil > new Date().toISOString() ? <Tag color="orange">已锁定</Tag> : <Tag color="green">正常</Tag>),
          },
          { title: '密码修改于', dataIndex: 'passwordChangedAt', render: (v: string) => new Date(v).toLocaleDateString('zh-CN') },
          {
            title: '操作',
            render: (_v, u) => (
              <>
                <Button size="small" type="link" onClick={() => open({ mode: 'edit', user: u })}>编辑</Button>
                <Button size="small" type="link" onClick={() => open({ mode: 'password', user: u })}>重设密码</Button>
              </>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing?.mode === 'create' ? '新建用户' : editing?.mode === 'password' ? `重设密码：${editing.user.displayName}` : `编辑用户：${editing?.user.displayName ?? ''}`}
        okText="保存"
        cancelText="取消"
        onOk={() => void save()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {editing?.mode === 'create' && (
            <Form.Item name="name" label="登录名" rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]{2,32}$/, message: '登录名为 2–32 位字母、数字、下划线、点或横线' }]}>
              <Input />
            </Form.Item>
          )}
          {editing?.mode !== 'password' && (
            <>
              <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
                <Input maxLength={20} />
              </Form.Item>
              <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]} extra={role ? `可以：${roleHint(role)}` : undefined}>
                <Select options={options(ROLES)} />
              </Form.Item>
            </>
          )}
          {editing?.mode === 'edit' && (
            <Form.Item name="disabled" label="停用账户" valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
          {editing?.mode === 'edit' && needsPassword && <Alert type="info" showIcon style={{ marginBottom: 12 }} message="新角色可查看检举控告人身份，须同时为该用户设置新密码。" />}
          {needsPassword && <NewPasswordFields policy={policy} label={editing?.mode === 'create' ? '初始密码' : '新密码'} />}
        </Form>
      </Modal>
    </Card>
  );
}
