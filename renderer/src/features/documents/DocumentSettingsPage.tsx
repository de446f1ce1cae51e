import { Alert, App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Space, Spin, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { Settings } from '../../../../shared/domain/office';
import { docCodeOf, formatDocNo } from '../../../../shared/documents/doc-number';
import { DOCUMENT_TYPE_INFO, DOCUMENT_TYPES, type DocumentType } from '../../../../shared/documents/model';
import { DocumentSettings, organNames, type Citation } from '../../../../shared/documents/settings';
import { api, errorMessage, onEvent } from '../../api/client';
import { useCan } from '../auth/session';
import { typeLabel } from './common';

const NUMBERED = DOCUMENT_TYPES.filter((t) => DOCUMENT_TYPE_INFO[t].numbered);
/** A return address that names the commission tells the neighbours who wrote to it. */
const NAMES_COMMISSION = /纪委|监委|纪律检查|监察委员会|纪检/;
const REPLY_TYPES = [
  ['supervision', '督办函'],
  ['assignment', '交办函'],
  ['recommendation', '监察建议书'],
] as const;

/** 文书设置: 代字, 署名, 版记, the neutral return address, reply periods and the citation table. */
export function DocumentSettingsPage() {
  const { message } = App.useApp();
  const can = useCan();
  const editable = can('settings.write');
  const [settings, setSettings] = useState<Settings | null>(null);
  const [docs, setDocs] = useState<DocumentSettings | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    api['settings.get']({}).then(
      (s) => {
        setSettings(s);
        setDocs(s.documents);
      },
      (e: unknown) => message.error(errorMessage(e)),
    );
  }, [message]);
  // Another window saved: show what is in force, unless this page holds unsaved edits of its own.
  useEffect(() => onEvent('settings.changed', (s) => setSettings(s)), []);

  if (!settings || !docs) return <Spin style={{ display: 'block', margin: 48 }} />;
  const office = settings.office;
  const defaults = organNames(office?.fullName ?? '', DocumentSettings.parse({}));
  const year = new Date().getFullYear();
  const set = (p: Partial<DocumentSettings>) => setDocs({ ...docs, ...p });
  const setCode = (type: DocumentType, code: string) => {
    const codes = { ...docs.codes };
    if (code.trim()) codes[type] = code;
    else delete codes[type];
    set({ codes });
  };
  const setCitation = (i: number, p: Partial<Citation>) => set({ citations: docs.citations.map((c, j) => (j === i ? { ...c, ...p } : c)) });
  const badReturn = NAMES_COMMISSION.test(docs.returnAddress);

  async function save() {
    if (!docs) return;
    if (badReturn) {
      message.error('信封寄件地址不得出现纪委监委字样');
      return;
    }
    const parsed = DocumentSettings.safeParse(docs);
    if (!parsed.success) {
      message.error(parsed.error.issues[0]?.message ?? '设置有误');
      return;
    }
    setSaving(true);
    try {
      const next = await api['documents.updateSettings'](parsed.data);
      setSettings(next);
      setDocs(next.documents);
      message.success('文书设置已保存');
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  const saveButton = editable && (
    <Button type="primary" loading={saving} onClick={() => void save()}>
      保存文书设置
    </Button>
  );
  const unconfirmed = docs.citations.filter((c) => !c.confirmed).length;

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12} data-testid="document-settings">
      {!editable && <Alert type="info" showIcon title="文书设置由管理员维护，当前角色只能查看。" />}
      <Card title="发文代字" extra={saveButton}>
        <Typography.Paragraph type="secondary">
          文号格式为“代字〔年份〕序号号”，序号按代字和年度连续编排。未单独设置的，使用本机关发文代字“{office?.docCode}”加类型简称。两类文书使用同一代字时共用一个序号。
        </Typography.Paragraph>
        <Table
          size="small"
          rowKey="type"
          pagination={false}
          dataSource={NUMBERED.map((type) => ({ type }))}
          columns={[
            { title: '文书类型', dataIndex: 'type', width: 180, render: (t: DocumentType) => typeLabel(t) },
            {
              title: '代字',
              width: 220,
              render: (_v, { type }) => (
                <Input
                  aria-label={`${typeLabel(type)}代字`}
                  value={docs.codes[type] ?? ''}
                  placeholder={`${office?.docCode ?? ''}${DOCUMENT_TYPE_INFO[type].codeSuffix}`}
                  maxLength={12}
                  disabled={!editable}
                  onChange={(e) => setCode(type, e.target.value)}
                />
              ),
            },
            { title: '文号示例', render: (_v, { type }) => formatDocNo(docCodeOf(type, office?.docCode ?? '', docs.codes), year, 1) },
          ]}
        />
      </Card>

      <Card title="署名、版记与联系人">
        <Form layout="vertical" component="div" disabled={!editable}>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item label="纪委署名" htmlFor="ds-discipline" help="澄清函、督办函、交办函、告知书等以纪委名义署名">
                <Input id="ds-discipline" value={docs.disciplineName} placeholder={defaults.discipline} maxLength={40} onChange={(e) => set({ disciplineName: e.target.value })} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="监委署名" htmlFor="ds-supervision" help="监察建议书以监委名义署名，并用作其发文机关标志">
                <Input id="ds-supervision" value={docs.supervisionName} placeholder={defaults.supervision} maxLength={40} onChange={(e) => set({ supervisionName: e.target.value })} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="印发机关（版记）" htmlFor="ds-printed-by" help="监察建议书版记中的印发机关">
                <Input id="ds-printed-by" value={docs.printedBy} placeholder="如：中共鹤峰县纪委办公室" maxLength={40} onChange={(e) => set({ printedBy: e.target.value })} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label="联系人" htmlFor="ds-contact" help="写入函件附注">
                <Input id="ds-contact" value={docs.contactName} maxLength={20} onChange={(e) => set({ contactName: e.target.value })} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label="联系电话" htmlFor="ds-phone">
                <Input id="ds-phone" value={docs.contactPhone} maxLength={20} onChange={(e) => set({ contactPhone: e.target.value })} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item
                label="信封寄件地址"
                htmlFor="ds-return"
                validateStatus={badReturn ? 'error' : undefined}
                help={
                  badReturn
                    ? '寄件地址不得出现纪委监委字样'
                    : '寄给检举控告人的信封上的寄件地址：为保护检举控告人，不得出现纪委监委字样，宜用邮政信箱等中性地址（如：鹤峰县邮政信箱18号）'
                }
              >
                <Input id="ds-return" value={docs.returnAddress} maxLength={60} onChange={(e) => set({ returnAddress: e.target.value })} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>

      <Card title="回复期限">
        <Space wrap size={32}>
          {REPLY_TYPES.map(([key, label]) => (
            <Space key={key}>
              <span>{label}：收函后</span>
              <InputNumber
                aria-label={`${label}回复期限`}
                min={1}
                max={90}
                value={docs.replyWorkingDays[key]}
                disabled={!editable}
                onChange={(v) => set({ replyWorkingDays: { ...docs.replyWorkingDays, [key]: v ?? docs.replyWorkingDays[key] } })}
              />
              <span>个工作日内回复</span>
            </Space>
          ))}
        </Space>
      </Card>

      <Card title="引用条款" extra={saveButton}>
        <Typography.Paragraph type="secondary">
          文书中引用的法规条款。《中华人民共和国监察法》2024 年修正（2025 年 6 月 1 日施行）、《中华人民共和国监察法实施条例》2025 年修订后条文序号有调整，请对照现行文本逐条核对，修改后勾选“已核对”。未核对的条款在出具文书时会提示。
          {unconfirmed > 0 && <Typography.Text type="warning"> 目前有 {unconfirmed} 条未核对。</Typography.Text>}
        </Typography.Paragraph>
        <Table<Citation>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={docs.citations}
          data-testid="citations"
          columns={[
            {
              title: '用途',
              width: 220,
              render: (_v, c, i) => (
                <Input.TextArea aria-label="用途" autoSize value={c.purpose} maxLength={60} disabled={!editable} onChange={(e) => setCitation(i, { purpose: e.target.value })} />
              ),
            },
            {
              title: '引用的条文',
              render: (_v, c, i) => (
                <Input.TextArea aria-label="引用的条文" autoSize value={c.text} maxLength={200} disabled={!editable} onChange={(e) => setCitation(i, { text: e.target.value })} />
              ),
            },
            {
              title: '已核对',
              width: 80,
              align: 'center',
              render: (_v, c, i) => <Checkbox aria-label="已核对" checked={c.confirmed} disabled={!editable} onChange={(e) => setCitation(i, { confirmed: e.target.checked })} />,
            },
            {
              title: '备注',
              width: 320,
              render: (_v, c, i) => (
                <Input.TextArea aria-label="备注" autoSize value={c.note} maxLength={200} disabled={!editable} onChange={(e) => setCitation(i, { note: e.target.value })} />
              ),
            },
          ]}
        />
      </Card>
      {editable && <div style={{ textAlign: 'right' }}>{saveButton}</div>}
    </Space>
  );
}
