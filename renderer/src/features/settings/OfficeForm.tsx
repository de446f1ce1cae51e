import { Button, Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { defaultCaseNoPattern, formatCaseNo, validateCaseNoPattern } from '../../../../shared/domain/case-number';
import type { OfficeSettings } from '../../../../shared/domain/office';

interface Props {
  initial?: OfficeSettings | null;
  submitText: string;
  onSubmit(office: OfficeSettings): Promise<void>;
}

/** The office's identity: used on every letter and case number. */
export function OfficeForm({ initial, submitText, onSubmit }: Props) {
  const [form] = Form.useForm<OfficeSettings>();
  const [saving, setSaving] = useState(false);
  const pattern = Form.useWatch('caseNoPattern', form) ?? '';
  const now = new Date();
  const example = validateCaseNoPattern(pattern)
    ? null
    : formatCaseNo(pattern, { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() }, 1);

  return (
    <Form<OfficeSettings>
      form={form}
      layout="vertical"
      initialValues={initial ?? { regions: [] }}
      style={{ maxWidth: 640 }}
      onValuesChange={(changed: Partial<OfficeSettings>) => {
        // Offer the usual pattern once the 代字 is known, unless the user already wrote one.
        if (changed.docCode !== undefined && !form.isFieldTouched('caseNoPattern')) {
          form.setFieldValue('caseNoPattern', defaultCaseNoPattern(changed.docCode.trim()));
        }
      }}
      onFinish={async (values) => {
        setSaving(true);
        try {
          await onSubmit(values);
        } finally {
          setSaving(false);
        }
      }}
    >
      <Form.Item name="fullName" label="机关全称" rules={[{ required: true, whitespace: true, message: '请填写机关全称' }]}>
        <Input placeholder="如：中共鹤峰县纪律检查委员会 鹤峰县监察委员会" maxLength={80} autoFocus />
      </Form.Item>
      <Form.Item name="shortName" label="机关简称" rules={[{ required: true, whitespace: true, message: '请填写机关简称' }]}>
        <Input placeholder="如：鹤峰县纪委监委" maxLength={20} />
      </Form.Item>
      <Form.Item
        name="issuerMark"
        label="发文机关标志"
        extra="印在文书版头的红色机关名称"
        rules={[{ required: true, whitespace: true, message: '请填写发文机关标志' }]}
      >
        <Input placeholder="如：中共鹤峰县纪律检查委员会" maxLength={40} />
      </Form.Item>
      <Form.Item name="docCode" label="发文代字" rules={[{ required: true, whitespace: true, message: '请填写发文代字' }]}>
        <Input placeholder="如：鹤纪" maxLength={8} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item
        name="caseNoPattern"
        label="信访件编号规则"
        extra={
          <Space direction="vertical" size={0}>
            <span>可用占位符：{'{年}'} {'{月}'} {'{日}'} {'{序号}'} {'{序号:4}'}（补零到 4 位）。含 {'{年}'} 时序号每年从 1 起，编号永不重复使用。</span>
            {example && <Typography.Text type="secondary">示例：{example}</Typography.Text>}
          </Space>
        }
        rules={[
          { required: true, message: '请填写编号规则' },
          { validator: async (_r, v: string) => { const p = validateCaseNoPattern(v ?? ''); if (p) throw new Error(p); } },
        ]}
      >
        <Input placeholder="如：鹤纪信〔{年}〕{序号}号" maxLength={60} />
      </Form.Item>
      <Form.Item name="regions" label="所属区域（乡镇、街道、部门）" extra="登记时可选；输入后按回车添加">
        <Select mode="tags" placeholder="如：容美镇、走马镇、县教育局" tokenSeparators={['，', ',', '、']} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving}>
        {submitText}
      </Button>
    </Form>
  );
}
