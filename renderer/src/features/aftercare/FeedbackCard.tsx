import { Alert, Button, Card, DatePicker, Form, Input, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useContext, useState } from 'react';
import {
  aftercareAllowed,
  FEEDBACK_METHODS,
  REPORTER_VIEWS,
  RETURN_VISIT_METHODS,
  SATISFACTIONS,
  secondVisitDue,
  type DualFeedback,
  type ReporterFeedback,
  type ReturnVisit,
} from '../../../../shared/domain/aftercare';
import type { CaseDetail } from '../../../../shared/domain/case';
import { api } from '../../api/client';
import { SessionContext, useCan } from '../auth/session';
import { options } from '../cases/labels';
import { FormModal } from './FormModal';

type Dialog = 'feedback' | 'dual' | 'visit' | { response: DualFeedback } | null;
const SATISFACTION_COLORS = { 满意: 'green', 基本满意: 'blue', 不满意: 'red' } as const;
const day = (d: Dayjs) => d.format('YYYY-MM-DD');
const notAfterToday = (d: Dayjs) => d.isAfter(dayjs(), 'day');
const NO_NAMES = '不写检举控告人姓名、电话等身份信息，以“检举控告人”称呼';

function DateItem({ name, label }: { name: string; label: string }) {
  return (
    <Form.Item name={name} label={label} rules={[{ required: true, message: `请选择${label}` }]}>
      <DatePicker disabledDate={notAfterToday} allowClear={false} />
    </Form.Item>
  );
}
function TextItem({ name, label, required = false, placeholder }: { name: string; label: string; required?: boolean; placeholder?: string }) {
  return (
    <Form.Item name={name} label={label} rules={required ? [{ required: true, whitespace: true, message: `请填写${label}` }] : []}>
      <Input.TextArea rows={2} maxLength={1000} placeholder={placeholder} />
    </Form.Item>
  );
}

/**
 * 反馈与回访: the result feedback to the reporter (while the case waits for 反馈 it is also the loop's 反馈 step),
 * 双反馈 to the local party committee or government and their response, and 回访 with 二次回访 after 不满意.
 */
export function FeedbackCard({ detail, onChanged }: { detail: CaseDetail; onChanged(d: CaseDetail): void }) {
  const can = useCan();
  const session = useContext(SessionContext);
  const [dialog, setDialog] = useState<Dialog>(null);
  const me = session?.user?.displayName;
  const base = { id: detail.id, expectedUpdatedAt: detail.updatedAt };
  const owed = secondVisitDue(detail.returnVisits);
  const writable = can('case.write');
  const close = () => setDialog(null);
  const lastVisit = detail.returnVisits.at(-1);
  const allowed = aftercareAllowed(detail.stage);
  const mayVisit = detail.reporter.realName && allowed.returnVisit && (!lastVisit || lastVisit.satisfaction === '不满意');

  return (
    <Card
      size="small"
      title="反馈与回访"
      data-testid="feedback-card"
      style={{ marginBottom: 12 }}
      extra={
        writable && (
          <Space>
            {detail.reporter.realName && allowed.feedback && <Button size="small" onClick={() => setDialog('feedback')}>记录结果反馈</Button>}
            {allowed.dual && <Button size="small" onClick={() => setDialog('dual')}>记录双反馈</Button>}
            {mayVisit && (
              <Button size="small" type={owed ? 'primary' : 'default'} onClick={() => setDialog('visit')}>
                {owed ? '记录二次回访' : '记录回访'}
              </Button>
            )}
          </Space>
        )
      }
    >
      {owed && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="second-visit-due"
          message={`检举控告人对 ${owed.after.date} 的回访不满意，须在 ${owed.by ?? '—'} 前进行二次回访`}
          description={owed.after.measures ? `处理措施：${owed.after.measures}` : undefined}
        />
      )}
      {!detail.reporter.realName && <Typography.Paragraph type="secondary">匿名件无法向检举控告人反馈和回访；向上级机关等的反馈请在“办理”中记录“反馈”步骤。</Typography.Paragraph>}

      <Typography.Text strong>结果反馈</Typography.Text>
      <Table<ReporterFeedback>
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={detail.feedbacks}
        locale={{ emptyText: '尚未记录' }}
        style={{ margin: '4px 0 12px' }}
        columns={[
          { title: '日期', dataIndex: 'date', width: 100 },
          { title: '方式', dataIndex: 'method', width: 90 },
          { title: '反馈内容', dataIndex: 'content' },
          { title: '检举控告人意见', dataIndex: 'view', width: 130, render: (v: string) => <Tag color={v === '认可' ? 'green' : v === '不认可' ? 'red' : 'default'}>{v}</Tag> },
          { title: '异议及解释', dataIndex: 'objection', render: (v: string) => v || '—' },
          { title: '新证据', dataIndex: 'newEvidence', render: (v: string) => (v ? <Tag color="orange">{v}</Tag> : '—') },
          { title: '反馈人', dataIndex: 'by', width: 80 },
        ]}
      />

      <Typography.Text strong>双反馈（党委政府）</Typography.Text>
      <Table<DualFeedback>
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={detail.dualFeedbacks}
        locale={{ emptyText: '无' }}
        style={{ margin: '4px 0 12px' }}
        columns={[
          { title: '日期', dataIndex: 'date', width: 100 },
          { title: '反馈对象', dataIndex: 'recipient', width: 120 },
          { title: '方式', dataIndex: 'method', width: 90 },
          { title: '诉求事项', dataIndex: 'matters' },
          {
            title: '办理回复',
            render: (_v, d) =>
              d.response ? (
                <span>
                  <Tag color={d.response.resolved ? 'green' : 'orange'}>{d.response.resolved ? '已化解' : '未化解'}</Tag>
                  {d.response.date} {d.response.content}
                </span>
              ) : writable ? (
                <Button size="small" onClick={() => setDialog({ response: d })}>记录回复</Button>
              ) : (
                <Tag>待回复</Tag>
              ),
          },
        ]}
      />

      <Typography.Text strong>回访</Typography.Text>
      <Table<ReturnVisit>
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={detail.returnVisits}
        locale={{ emptyText: '尚未回访' }}
        data-testid="return-visits"
        style={{ marginTop: 4 }}
        columns={[
          { title: '轮次', dataIndex: 'round', width: 90, render: (r: number) => (r > 1 ? `二次回访（第 ${r} 次）` : '首次回访') },
          { title: '日期', dataIndex: 'date', width: 100 },
          { title: '方式', dataIndex: 'method', width: 90 },
          { title: '满意度', dataIndex: 'satisfaction', width: 90, render: (s: ReturnVisit['satisfaction']) => <Tag color={SATISFACTION_COLORS[s]}>{s}</Tag> },
          { title: '回访意见', dataIndex: 'opinion', render: (v: string) => v || '—' },
          { title: '处理措施', dataIndex: 'measures', render: (v: string, r) => (v ? `${v}${r.secondVisitBy ? `（二次回访期限 ${r.secondVisitBy}）` : ''}` : '—') },
          { title: '回访人', dataIndex: 'by', width: 80 },
        ]}
      />

      {dialog === 'feedback' && (
        <FormModal<{ date: Dayjs; method: string; by: string; content: string; view: string; objection?: string; newEvidence?: string }>
          title={`记录结果反馈：${detail.caseNo}`}
          initialValues={{ date: dayjs(), by: me, method: '当面反馈', view: '认可' }}
          onClose={close}
          onSubmit={async (v) => {
            onChanged(await api['feedback.record']({ ...base, feedback: { ...v, date: day(v.date), method: v.method as (typeof FEEDBACK_METHODS)[number], view: v.view as (typeof REPORTER_VIEWS)[number] } }));
          }}
        >
          {(detail.stage === 'investigated' || detail.stage === 'fedBack') && (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} message="本件正待反馈：保存后同时记入办理流程的“反馈”步骤（反馈对象：检举控告人）。" />
          )}
          <Space size="large" wrap>
            <DateItem name="date" label="反馈日期" />
            <Form.Item name="method" label="反馈方式">
              <Select options={options(FEEDBACK_METHODS)} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="by" label="反馈人" rules={[{ required: true, whitespace: true, message: '请填写反馈人' }]}>
              <Input maxLength={40} />
            </Form.Item>
          </Space>
          <TextItem name="content" label="反馈内容" required placeholder={NO_NAMES} />
          <Form.Item name="view" label="检举控告人意见">
            <Radio.Group options={options(REPORTER_VIEWS)} optionType="button" />
          </Form.Item>
          <TextItem name="objection" label="异议及解释情况" placeholder="不认可或部分认可的，记录异议和解释说明情况" />
          <TextItem name="newEvidence" label="提出的新证据、新情况" placeholder="如有，须另行核查" />
        </FormModal>
      )}

      {dialog === 'dual' && (
        <FormModal<{ date: Dayjs; recipient: string; method: string; by: string; matters: string }>
          title={`记录双反馈：${detail.caseNo}`}
          initialValues={{ date: dayjs(), by: me, method: '书面函告', recipient: detail.region ? `${detail.region}党委` : '' }}
          onClose={close}
          onSubmit={async (v) => {
            onChanged(await api['feedback.recordDual']({ ...base, dual: { ...v, date: day(v.date), method: v.method as '书面函告' } }));
          }}
        >
          <Typography.Paragraph type="secondary">检举控告人反映的诉求不属于纪检监察机关职责范围的，向属地党委或政府反馈，督促其化解。</Typography.Paragraph>
          <Space size="large" wrap>
            <DateItem name="date" label="反馈日期" />
            <Form.Item name="recipient" label="反馈对象（党委或政府）" rules={[{ required: true, whitespace: true, message: '请填写反馈对象' }]}>
              <Input maxLength={60} placeholder="如：走马镇党委" />
            </Form.Item>
            <Form.Item name="method" label="反馈方式">
              <Select options={options(['书面函告', '当面通报', '电话通报', '会议通报'])} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="by" label="反馈人" rules={[{ required: true, whitespace: true, message: '请填写反馈人' }]}>
              <Input maxLength={40} />
            </Form.Item>
          </Space>
          <TextItem name="matters" label="反馈的诉求事项" required placeholder={NO_NAMES} />
        </FormModal>
      )}

      {dialog && typeof dialog === 'object' && (
        <FormModal<{ date: Dayjs; content: string; resolved: boolean }>
          title={`${dialog.response.recipient}的办理回复`}
          initialValues={{ date: dayjs(), resolved: true }}
          onClose={close}
          onSubmit={async (v) => {
            onChanged(await api['feedback.recordDualResponse']({ ...base, dualId: dialog.response.id, response: { ...v, date: day(v.date) } }));
          }}
        >
          <DateItem name="date" label="回复日期" />
          <TextItem name="content" label="办理回复" required />
          <Form.Item name="resolved" label="诉求是否化解">
            <Radio.Group options={[{ value: true, label: '已化解' }, { value: false, label: '未化解' }]} />
          </Form.Item>
        </FormModal>
      )}

      {dialog === 'visit' && (
        <FormModal<{ date: Dayjs; method: string; by: string; satisfaction: string; opinion?: string; measures?: string; secondVisitBy?: Dayjs }>
          title={`${owed ? '记录二次回访' : '记录回访'}：${detail.caseNo}`}
          initialValues={{ date: dayjs(), by: me, method: '电话回访' }}
          onClose={close}
          onSubmit={async (v) => {
            const visit = { ...v, date: day(v.date), secondVisitBy: v.secondVisitBy ? day(v.secondVisitBy) : undefined, method: v.method as (typeof RETURN_VISIT_METHODS)[number], satisfaction: v.satisfaction as (typeof SATISFACTIONS)[number] };
            onChanged(await api['returnVisits.record']({ ...base, visit }));
          }}
        >
          {(form) => (
            <>
              <Space size="large" wrap>
                <DateItem name="date" label="回访日期" />
                <Form.Item name="method" label="回访方式">
                  <Select options={options(RETURN_VISIT_METHODS)} style={{ width: 130 }} />
                </Form.Item>
                <Form.Item name="by" label="回访人" rules={[{ required: true, whitespace: true, message: '请填写回访人' }]}>
                  <Input maxLength={40} />
                </Form.Item>
              </Space>
              <Form.Item name="satisfaction" label="满意度" rules={[{ required: true, message: '请选择满意度' }]}>
                <Radio.Group options={options(SATISFACTIONS)} optionType="button" />
              </Form.Item>
              <TextItem name="opinion" label="回访意见" placeholder={NO_NAMES} />
              <Form.Item noStyle shouldUpdate={(a, b) => a.satisfaction !== b.satisfaction}>
                {() =>
                  form.getFieldValue('satisfaction') === '不满意' && (
                    <>
                      <TextItem name="measures" label="处理措施" required placeholder="如：约谈解释处理依据、重新核查" />
                      <Form.Item name="secondVisitBy" label="二次回访期限" rules={[{ required: true, message: '不满意的须安排二次回访' }]}>
                        <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
                      </Form.Item>
                    </>
                  )
                }
              </Form.Item>
            </>
          )}
        </FormModal>
      )}
    </Card>
  );
}
