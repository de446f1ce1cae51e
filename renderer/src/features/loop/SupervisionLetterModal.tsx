import { Alert, App, Form, Input, Modal, Spin } from 'antd';
import { useEffect, useState } from 'react';
import type { CaseDetail } from '../../../../shared/domain/case';
import type { LetterDraft } from '../../../../shared/domain/letters';
import { api, errorMessage } from '../../api/client';

type Draft = Omit<LetterDraft, 'id' | 'createdAt' | 'createdBy'>;

/** 起草督办函: the draft comes filled from the case; the clerk edits it and keeps it with the case. */
export function SupervisionLetterModal({ caseId, onClose, onSaved }: { caseId: string | null; onClose(): void; onSaved(d: CaseDetail): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: string; addressee: string; body: string }>();
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => {
    setDraft(null);
    if (!caseId) return;
    api['letters.draftSupervision']({ id: caseId }).then((d) => {
      setDraft(d);
      form.setFieldsValue({ title: d.title, addressee: d.addressee, body: d.paragraphs.join('\n\n') });
    }, (e: unknown) => message.error(errorMessage(e)));
  }, [caseId, form, message]);

  return (
    <Modal
      open={caseId !== null}
      title="起草督办函"
      width={760}
      okText="保存草稿"
      cancelText="取消"
      onCancel={onClose}
      onOk={async () => {
        if (!caseId || !draft) return;
        const v = await form.validateFields();
        try {
          const current = await api['cases.get']({ id: caseId });
          const paragraphs = v.body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
          onSaved(await api['letters.save']({ id: caseId, expectedUpdatedAt: current.updatedAt, letter: { ...draft, title: v.title, addressee: v.addressee, paragraphs } }));
          message.success('督办函草稿已保存');
        } catch (err) {
          message.error(errorMessage(err));
        }
      }}
    >
      {!draft ? (
        <Spin />
      ) : (
        <Form form={form} layout="vertical">
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message="草稿随该件保存，不含检举控告人信息；正式文书（版头、文号、版式）由文书模块生成。" />
          <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="addressee" label="主送机关" rules={[{ required: true, whitespace: true, message: '请填写主送机关' }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="body" label="正文（段落之间空一行）" rules={[{ required: true, message: '请填写正文' }]}>
            <Input.TextArea autoSize={{ minRows: 8 }} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
