import { DeleteOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, AutoComplete, Button, Card, Col, DatePicker, Form, Input, Radio, Row, Select, Space, Tag, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import {
  CATEGORIES,
  CHANNELS,
  checkCaseInput,
  checkContact,
  checkPhone,
  DOMAIN_SUGGESTIONS,
  KINDS,
  POLITICAL_STATUSES,
  RANKS,
  SOURCES,
  UPPER_SOURCES,
  type AttachmentMeta,
  type CaseChangesDraft,
  type CaseInput,
} from '../../../../shared/domain/case';
import type { CaseDetail, ReporterPerson } from '../../../../shared/domain/case';
import { checkIdNumber } from '../../../../shared/domain/id-number';
import { api, errorMessage } from '../../api/client';
import { readFileBase64 } from '../../host/files';
import { options } from './labels';
import { RepeatHints } from './RepeatHints';

type FormValues = Omit<CaseChangesDraft, 'receivedDate' | 'reporter'> & { receivedDate: Dayjs; reporter: { realName: boolean; persons?: ReporterPerson[] } };

const EMPTY_ACCUSED = { type: 'person' as const, name: '', unit: '', post: '' };
const EMPTY_PERSON = { name: '', idNumber: '', phone: '', address: '' };

/** Field rule from a shared check that returns a Chinese problem or null. */
const rule = (check: (value: string) => string | null) => ({
  validator: async (_r: unknown, value?: string) => {
    const problem = check(value ?? '');
    if (problem) throw new Error(problem);
  },
});

function toInput(values: FormValues, attachments: AttachmentMeta[], reporterLocked: boolean): CaseChangesDraft {
  const persons = (values.reporter.persons ?? []).filter((p) => values.reporter.realName || p.name?.trim());
  return {
    ...values,
    receivedDate: values.receivedDate.format('YYYY-MM-DD'),
    reporter: reporterLocked ? undefined : { realName: values.reporter.realName, persons },
    accused: values.accused ?? [],
    attachments,
  };
}

interface Props {
  /** Present when editing: the current values; the reporter's identity stays masked until unlocked. */
  initial?: { input: Omit<CaseInput, 'reporter'>; reporter: CaseDetail['reporter'] };
  /** Reveals the identity for editing (recorded in the case history). */
  onUnlockReporter?(): Promise<ReporterPerson[]>;
  submitText: string;
  onSubmit(input: CaseChangesDraft): Promise<void>;
  onCancel(): void;
}

/** Registration and editing of a case. Keyboard: Tab through fields, Ctrl+Enter or Ctrl+S saves. */
export function CaseForm({ initial, onUnlockReporter, submitText, onSubmit, onCancel }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [attachments, setAttachments] = useState<AttachmentMeta[]>(initial?.input.attachments ?? []);
  const [reporterLocked, setReporterLocked] = useState(Boolean(initial));
  const [uploading, setUploading] = useState(0);
  const [saving, setSaving] = useState(false);
  const [regions, setRegions] = useState<string[]>([]);
  const source = Form.useWatch('source', form);
  const watched = Form.useWatch([], form) as FormValues | undefined;
  const realName = Form.useWatch(['reporter', 'realName'], form);
  const today = dayjs().format('YYYY-MM-DD');

  useEffect(() => {
    api['cases.regions']({}).then(setRegions, () => setRegions([]));
  }, []);

  async function submit() {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      message.error('登记信息不完整，请按红色提示补充');
      return;
    }
    const input = toInput(values, attachments, reporterLocked);
    const issues = checkCaseInput({ ...input, reporter: input.reporter ?? { realName: false, persons: [] } }, today);
    if (issues.length) {
      form.setFields(issues.map((i) => ({ name: i.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) as never, errors: [i.message] })));
      message.error(issues[0]!.message);
      return;
    }
    setSaving(true);
    try {
      await onSubmit(input);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  async function upload(file: File) {
    setUploading((n) => n + 1);
    try {
      const meta = await api['attachments.upload']({ name: file.name, base64: await readFileBase64(file) });
      setAttachments((list) => [...list, meta]);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setUploading((n) => n - 1);
    }
  }

  const initialValues: Partial<FormValues> = initial
    ? { ...initial.input, receivedDate: dayjs(initial.input.receivedDate), reporter: initial.reporter }
    : { receivedDate: dayjs(), channel: '来信', source: '本级受理', kind: '检举控告', categories: [], domains: [], reporter: { realName: true, persons: [EMPTY_PERSON] }, accused: [EMPTY_ACCUSED] };

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && (e.key === 'Enter' || e.key === 's')) {
          e.preventDefault();
          void submit();
        }
      }}
      requiredMark
    >
      <Card size="small" title="收件信息" style={{ marginBottom: 12 }}>
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name="receivedDate" label="收件日期" rules={[{ required: true, message: '请选择收件日期' }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} allowClear={false} autoFocus />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="channel" label="反映方式" rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={options(CHANNELS)} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="source" label="来源" rules={[{ required: true }]}>
              <Select options={options(SOURCES)} />
            </Form.Item>
          </Col>
        </Row>
        {(UPPER_SOURCES as readonly string[]).includes(source ?? '') && (
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="upperOffice" label="上级机关" rules={[{ required: true, whitespace: true, message: '请填写转办、交办的上级机关' }]}>
                <Input placeholder="如：恩施州纪委监委" maxLength={60} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="upperRefNo" label="上级文号" rules={[{ required: true, whitespace: true, message: '请填写上级转办、交办编号' }]}>
                <Input placeholder="如：恩纪转〔2026〕15号" maxLength={60} />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item name="kind" label="信访类型" rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={options(KINDS)} />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="categories" label="问题类别">
              <Select mode="multiple" options={options(CATEGORIES)} placeholder="可多选" allowClear />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="domains" label="涉及领域">
              <Select mode="tags" options={options(DOMAIN_SUGGESTIONS)} placeholder="可多选，也可输入" allowClear />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="region" label="所属区域（乡镇、街道、部门）">
              <AutoComplete allowClear options={options(regions)} placeholder="选择或输入" filterOption={(text, o) => String(o?.value ?? '').includes(text)} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card
        size="small"
        title="检举控告人（保密）"
        style={{ marginBottom: 12 }}
        extra={
          reporterLocked &&
          onUnlockReporter && (
            <Button
              size="small"
              onClick={async () => {
                try {
                  form.setFieldValue(['reporter', 'persons'], await onUnlockReporter());
                  setReporterLocked(false);
                } catch (err) {
                  message.error(errorMessage(err));
                }
              }}
            >
              修改检举控告人信息（将记录查看）
            </Button>
          )
        }
      >
        <fieldset disabled={reporterLocked} style={{ border: 0, padding: 0, margin: 0 }}>
        <Form.Item name={['reporter', 'realName']} label="署名方式">
          <Radio.Group optionType="button" options={[{ value: true, label: '实名' }, { value: false, label: '匿名' }]} />
        </Form.Item>
        <Form.List name={['reporter', 'persons']}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Row gutter={12} key={field.key} data-testid={`reporter-${i}`} align="bottom">
                  <Col span={5}>
                    <Form.Item name={[field.name, 'name']} label={`检举控告人${fields.length > 1 ? i + 1 : ''}姓名`} rules={[{ required: true, whitespace: true, message: '请填写姓名或单位名称' }]}>
                      <Input maxLength={40} />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name={[field.name, 'idNumber']} label="身份证号码" rules={reporterLocked ? [] : [rule((v) => (v.trim() ? checkIdNumber(v, today) : null))]}>
                      <Input maxLength={18} />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item
                      name={[field.name, 'phone']}
                      label="联系电话"
                      dependencies={[['reporter', 'realName'], ['reporter', 'persons', field.name, 'address']]}
                      rules={reporterLocked ? [] : [
                        rule(checkPhone),
                        rule(() => checkContact(form.getFieldValue(['reporter', 'realName']), form.getFieldValue(['reporter', 'persons', field.name]) ?? {})),
                      ]}
                    >
                      <Input maxLength={20} />
                    </Form.Item>
                  </Col>
                  <Col span={7}>
                    <Form.Item name={[field.name, 'address']} label="住址或单位">
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col span={1}>
                    <Form.Item>
                      <Button icon={<DeleteOutlined />} aria-label="删除检举控告人" onClick={() => remove(field.name)} />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              {!reporterLocked && (
                <Button icon={<PlusOutlined />} onClick={() => add(EMPTY_PERSON)}>
                  {realName ? '添加联名检举控告人' : '添加检举控告人（匿名件可不填）'}
                </Button>
              )}
            </>
          )}
        </Form.List>
        </fieldset>
      </Card>

      <Card size="small" title="被反映人" style={{ marginBottom: 12 }}>
        <Form.List name="accused">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Row gutter={12} key={field.key} data-testid={`accused-${i}`} align="bottom">
                  <Col span={3}>
                    <Form.Item name={[field.name, 'type']} label={`被反映人${i + 1}`}>
                      <Select options={[{ value: 'person', label: '个人' }, { value: 'unit', label: '单位' }]} />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item name={[field.name, 'name']} label="姓名或单位名称" rules={[{ required: true, whitespace: true, message: '请填写' }]}>
                      <Input maxLength={60} />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item name={[field.name, 'unit']} label="工作单位">
                      <Input maxLength={60} />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item name={[field.name, 'post']} label="职务">
                      <Input maxLength={40} />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item name={[field.name, 'rank']} label="职级">
                      <Select allowClear options={options(RANKS)} />
                    </Form.Item>
                  </Col>
                  <Col span={3}>
                    <Form.Item name={[field.name, 'politicalStatus']} label="政治面貌">
                      <Select allowClear options={options(POLITICAL_STATUSES)} />
                    </Form.Item>
                  </Col>
                  <Col span={1}>
                    <Form.Item>
                      <Button icon={<DeleteOutlined />} aria-label="删除被反映人" onClick={() => remove(field.name)} />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add(EMPTY_ACCUSED)}>
                添加被反映人
              </Button>
            </>
          )}
        </Form.List>
      </Card>

      <Card size="small" title="主要问题摘要与附件" style={{ marginBottom: 12 }}>
        <Form.Item name="summary" label="主要问题摘要" rules={[{ required: true, whitespace: true, message: '请填写主要问题摘要' }, { min: 5, message: '至少 5 个字' }]}>
          <Input.TextArea rows={5} maxLength={4000} showCount placeholder="言简意明：被反映人、时间、地点、事实、涉及金额与证据线索" />
        </Form.Item>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Upload
            multiple
            showUploadList={false}
            accept=".pdf,.jpg,.jpeg,.png,.tif,.tiff,.gif,.bmp"
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={uploading > 0}>
              添加附件（扫描件、照片、PDF，单个不超过 20 MB）
            </Button>
          </Upload>
          <Space wrap>
            {attachments.map((a) => (
              <Tag key={a.id} icon={<PaperClipOutlined />} closable onClose={() => setAttachments((l) => l.filter((x) => x.id !== a.id))}>
                {a.name}（{Math.ceil(a.size / 1024)} KB）
              </Tag>
            ))}
          </Space>
        </Space>
      </Card>

      {!initial && (
        <RepeatHints
          draft={
            watched?.receivedDate
              ? {
                  receivedDate: watched.receivedDate.format('YYYY-MM-DD'),
                  source: watched.source,
                  upperOffice: watched.upperOffice ?? '',
                  upperRefNo: watched.upperRefNo ?? '',
                  summary: watched.summary ?? '',
                  accused: (watched.accused ?? []).filter((a) => a?.name?.trim()),
                  reporter: { realName: watched.reporter?.realName ?? false, persons: (watched.reporter?.persons ?? []).filter((p) => p?.name?.trim()) },
                }
              : null
          }
        />
      )}
      <Space>
        <Button type="primary" onClick={() => void submit()} loading={saving} disabled={uploading > 0}>
          {submitText}
        </Button>
        <Button onClick={onCancel}>取消</Button>
        <span style={{ color: '#888' }}>快捷键：Ctrl+Enter 保存</span>
      </Space>
    </Form>
  );
}
