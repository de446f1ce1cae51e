import { FolderOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, Radio, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useContext, useState } from 'react';
import { ARCHIVE_CHECKLIST, ARCHIVE_CHECKLIST_HINTS, RETENTIONS, type ArchiveChecklistItem, type Retention } from '../../../../shared/domain/archive';
import type { CaseDetail } from '../../../../shared/domain/case';
import { api } from '../../api/client';
import { FormModal } from '../aftercare/FormModal';
import { SessionContext, useCan } from '../auth/session';
import { options } from '../cases/labels';

/** The 存档 button (报结 cases) with its 七有 checklist, and 撤销存档 for administrators. */
export function ArchiveActions({ detail, onChanged }: { detail: CaseDetail; onChanged(d: CaseDetail): void }) {
  const can = useCan();
  const session = useContext(SessionContext);
  const [open, setOpen] = useState<'archive' | 'reopen' | null>(null);
  const base = { id: detail.id, expectedUpdatedAt: detail.updatedAt };
  return (
    <>
      {!detail.archive && detail.stage === 'closed' && can('case.write') && (
        <Button icon={<FolderOutlined />} onClick={() => setOpen('archive')}>
          存档
        </Button>
      )}
      {detail.archive && can('settings.write') && (
        <Button icon={<RollbackOutlined />} onClick={() => setOpen('reopen')}>
          撤销存档
        </Button>
      )}
      {open === 'archive' && (
        <FormModal<{ date: Dayjs; retention: Retention; checklist: ArchiveChecklistItem[]; pages: number; by: string; note?: string }>
          title={`存档：${detail.caseNo}`}
          okText="存档"
          width={680}
          initialValues={{ date: dayjs(), retention: '10年', checklist: [], by: session?.user?.displayName }}
          onClose={() => setOpen(null)}
          onSubmit={async (v) => {
            onChanged(await api['archive.close']({ ...base, archive: { ...v, date: v.date.format('YYYY-MM-DD') } }));
          }}
        >
          <Typography.Paragraph type="secondary">请逐项核对案卷材料（“七有”），全部齐备后方可存档。存档后本件只读，卷号按年度顺序自动编排。</Typography.Paragraph>
          <Form.Item name="checklist" label="案卷材料核对（七有）" rules={[{ type: 'array', len: ARCHIVE_CHECKLIST.length, message: '“七有”须全部齐备' }]}>
            <Checkbox.Group style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', rowGap: 6 }}>
              {ARCHIVE_CHECKLIST.map((item) => (
                <Checkbox key={item} value={item}>
                  有{item}
                  <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
                    {ARCHIVE_CHECKLIST_HINTS[item]}
                  </Typography.Text>
                </Checkbox>
              ))}
            </Checkbox.Group>
          </Form.Item>
          <Space size="large" wrap>
            <Form.Item name="date" label="归档日期" rules={[{ required: true, message: '请选择归档日期' }]}>
              <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} allowClear={false} />
            </Form.Item>
            <Form.Item name="retention" label="保管期限">
              <Radio.Group options={options(RETENTIONS)} optionType="button" />
            </Form.Item>
            <Form.Item name="pages" label="页数" rules={[{ required: true, message: '请填写页数' }]}>
              <InputNumber min={1} max={9999} />
            </Form.Item>
            <Form.Item name="by" label="立卷人" rules={[{ required: true, whitespace: true, message: '请填写立卷人' }]}>
              <Input maxLength={40} />
            </Form.Item>
          </Space>
          <Form.Item name="note" label="备注">
            <Input maxLength={500} />
          </Form.Item>
        </FormModal>
      )}
      {open === 'reopen' && detail.archive && (
        <FormModal<{ reason: string }>
          title={`撤销存档：${detail.caseNo}`}
          okText="撤销存档"
          onClose={() => setOpen(null)}
          onSubmit={async (v) => {
            onChanged(await api['archive.reopen']({ ...base, reason: v.reason }));
          }}
        >
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`撤销后本件恢复可修改，原卷号 ${detail.archive.volumeNo} 不再使用；本操作记入办理记录和审计日志。`} />
          <Form.Item name="reason" label="撤销理由" rules={[{ required: true, whitespace: true, min: 2, message: '请说明撤销存档的理由' }]}>
            <Input.TextArea rows={2} maxLength={200} />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}

/** What an archived case shows above everything else: it is read-only, and where its file is. */
export function ArchivedNotice({ detail }: { detail: CaseDetail }) {
  const a = detail.archive;
  if (!a) return null;
  return (
    <Alert
      type="info"
      showIcon
      icon={<FolderOutlined />}
      data-testid="archived-notice"
      style={{ marginBottom: 12 }}
      message={`本件已存档，卷号 ${a.volumeNo}，案卷只读`}
      description={
        <Descriptions
          size="small"
          column={4}
          items={[
            { label: '归档日期', children: a.date },
            { label: '保管期限', children: a.retention },
            { label: '页数', children: a.pages },
            { label: '立卷人', children: a.by },
            ...(a.note ? [{ label: '备注', children: a.note, span: 4 }] : []),
          ]}
        />
      }
    />
  );
}
