import { App, Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { errorMessage } from '../../api/client';

/**
 * A modal form that saves through one backend call: the backend's Chinese refusal is shown and the modal stays
 * open, so nothing typed is lost. A fresh form for each opening (the caller mounts it only while open).
 */
export function FormModal<V>({
  title,
  okText = '保存',
  width = 600,
  initialValues,
  onSubmit,
  onClose,
  children,
}: {
  title: ReactNode;
  okText?: string;
  width?: number;
  initialValues?: Partial<V>;
  onSubmit(values: V): Promise<void>;
  onClose(): void;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [saving, setSaving] = useState(false);
  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText="取消"
      width={width}
      confirmLoading={saving}
      onCancel={onClose}
      onOk={async () => {
        const values = await form.validateFields().catch(() => null);
        if (!values) return;
        setSaving(true);
        try {
          await onSubmit(values);
          onClose();
        } catch (err) {
          message.error(errorMessage(err));
        } finally {
          setSaving(false);
        }
      }}
    >
      <Form form={form} layout="vertical" initialValues={initialValues}>
        {typeof children === 'function' ? children(form) : children}
      </Form>
    </Modal>
  );
}
