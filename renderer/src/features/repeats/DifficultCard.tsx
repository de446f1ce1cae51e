import { App, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Radio, Select, Space, Tag, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { SATISFACTIONS, type Satisfaction } from '../../../../shared/domain/aftercare';
import { ACTIVITY_KINDS, type DifficultStatus, type DifficultView } from '../../../../shared/domain/difficult';
import { api, errorMessage } from '../../api/client';
import { useCan } from '../auth/session';

export const DIFFICULT_COLORS: Record<DifficultStatus, string> = { 待组建专班: 'orange', 化解中: 'blue', 逾期未化解: 'red', 已化解: 'green' };

/** Every field of the card's forms; each form fills its own. */
interface FormValues {
  lead: string;
  members: string[];
  plan: string;
  formedOn: Dayjs;
  deadline: Dayjs;
  realDemand?: string;
  kind: (typeof ACTIVITY_KINDS)[number];
  date: Dayjs;
  participants?: string;
  content: string;
  satisfaction: Satisfaction;
  reporterView?: string;
  reason: string;
}

type Editing = 'taskForce' | 'activity' | 'resolution' | 'demand' | 'unflag' | null;

const day = (d: Dayjs) => d.format('YYYY-MM-DD');
const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

/** 重点疑难件: the task force, its work, the real demand found, the resolution and the reporter's satisfaction. */
export function DifficultCard({ view, currentId, onChanged }: { view: DifficultView; currentId: string; onChanged(next: DifficultView): void }) {
  const { message } = App.useApp();
  const can = useCan();
  const [editing, setEditing] = useState<Editing>(null);
  const [form] = Form.useForm();
  const d = view.record;
  if (!d || !view.status) return null;
  const writable = can('case.write') && !d.resolution;
  const tf = d.taskForce;
  const guard = { id: view.caseId, expectedUpdatedAt: view.updatedAt };

  const initialValues =
    editing === 'taskForce' && tf ? { ...tf, formedOn: dayjs(tf.formedOn), deadline: dayjs(tf.deadline) } : editing === 'demand' ? { realDemand: d.realDemand } : editing === 'activity' ? { kind: '专班会议' } : {};

  async function save() {
    const v = (await form.validateFields()) as FormValues;
    const done = (next: DifficultView, text: string) => {
      onChanged(next);
      setEditing(null);
      message.success(text);
    };
    try {
      if (editing === 'taskForce') {
        const taskForce = { lead: v.lead, members: v.members, plan: v.plan, formedOn: day(v.formedOn), deadline: day(v.deadline) };
        done(await api['difficult.update']({ ...guard, taskForce }), tf ? '已调整化解专班' : '已组建化解专班');
      } else if (editing === 'demand') {
        done(await api['difficult.update']({ ...guard, realDemand: v.realDemand ?? '' }), '已保存真实诉求');
      } else if (editing === 'activity') {
        done(await api['difficult.record']({ ...guard, activity: { kind: v.kind, date: day(v.date), participants: v.participants ?? '', content: v.content } }), '已记录专班工作');
      } else if (editing === 'resolution') {
        done(await api['difficult.resolve']({ ...guard, resolution: { date: day(v.date), content: v.content, satisfaction: v.satisfaction, reporterView: v.reporterView ?? '' } }), '已登记化解情况');
      } else if (editing === 'unflag') {
        done(await api['difficult.unflag']({ ...guard, reason: v.reason }), '已撤销重点疑难件');
      }
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  const required = (label: string) => [{ required: true, whitespace: true, message: `请填写${label}` }];
  const text = (name: string, label: string, rows = 3, isRequired = true) => (
    <Form.Item name={name} label={label} rules={isRequired ? required(label) : []}>
      <Input.TextArea rows={rows} maxLength={2000} />
    </Form.Item>
  );
  const date = (name: string, label: string, future = false) => (
    <Form.Item name={name} label={label} rules={[{ required: true, message: `请选择${label}` }]}>
      <DatePicker disabledDate={future ? undefined : notFuture} />
    </Form.Item>
  );
  const forms: Record<Exclude<Editing, null>, { title: string; body: ReactNode }> = {
    taskForce: {
      title: tf ? '调整化解专班' : '组建化解专班',
      body: (
        <>
          <Form.Item name="lead" label="专班组长" rules={required('专班组长')}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="members" label="专班成员（输入姓名后回车）" rules={[{ required: true, message: '请填写专班成员' }]}>
            <Select mode="tags" open={false} tokenSeparators={['、', '，', ',']} aria-label="专班成员" />
          </Form.Item>
          {text('plan', '化解方案')}
          <Space size="large">
            {date('formedOn', '组建日期')}
            {date('deadline', '化解期限', true)}
          </Space>
        </>
      ),
    },
    demand: { title: '真实诉求', body: text('realDemand', '查明的真实诉求', 3, false) },
    activity: {
      title: '记录专班工作',
      body: (
        <>
          <Space size="large">
            <Form.Item name="kind" label="工作类型" rules={[{ required: true }]}>
              <Select style={{ width: 140 }} options={ACTIVITY_KINDS.map((k) => ({ value: k, label: k }))} />
            </Form.Item>
            {date('date', '日期')}
          </Space>
          <Form.Item name="participants" label="参加人员">
            <Input maxLength={200} />
          </Form.Item>
          {text('content', '工作内容')}
        </>
      ),
    },
    resolution: {
      title: '登记化解情况',
      body: (
        <>
          {date('date', '化解日期')}
          {text('content', '化解情况')}
          <Form.Item name="satisfaction" label="检举控告人满意度" rules={[{ required: true, message: '请选择满意度' }]}>
            <Radio.Group options={SATISFACTIONS.map((s) => ({ value: s, label: s }))} />
          </Form.Item>
          {text('reporterView', '检举控告人意见（不写姓名）', 2, false)}
        </>
      ),
    },
    unflag: { title: '撤销重点疑难件', body: text('reason', '撤销理由', 2) },
  };

  return (
    <Card
      size="small"
      data-testid="difficult"
      style={{ marginBottom: 12 }}
      title={
        <Space>
          <span>重点疑难件</span>
          <Tag color={DIFFICULT_COLORS[view.status]}>{view.status}</Tag>
          {view.caseId !== currentId && <Typography.Text type="secondary">（记在首件 {view.caseNo}，重复件链共 {view.chainCount} 件）</Typography.Text>}
        </Space>
      }
      extra={
        writable && (
          <Space>
            <Button size="small" type={tf ? 'default' : 'primary'} onClick={() => setEditing('taskForce')}>
              {tf ? '调整专班' : '组建化解专班'}
            </Button>
            {tf && <Button size="small" onClick={() => setEditing('activity')}>记录专班工作</Button>}
            {tf && <Button size="small" onClick={() => setEditing('demand')}>真实诉求</Button>}
            {tf && <Button size="small" type="primary" onClick={() => setEditing('resolution')}>登记化解情况</Button>}
            {d.activities.length === 0 && <Button size="small" danger onClick={() => setEditing('unflag')}>撤销</Button>}
          </Space>
        )
      }
    >
      <Descriptions
        size="small"
        column={2}
        items={[
          { label: '列入理由', children: d.reason, span: 2 },
          { label: '列入', children: `${d.flaggedBy}，${d.flaggedAt.slice(0, 10)}` },
          ...(tf
            ? [
                { label: '专班组长', children: tf.lead },
                { label: '专班成员', children: tf.members.join('、') },
                { label: '组建日期 / 化解期限', children: `${tf.formedOn} 至 ${tf.deadline}` },
                { label: '化解方案', children: tf.plan, span: 2 },
              ]
            : []),
          { label: '真实诉求', children: d.realDemand || '（尚未查明）', span: 2 },
          ...(d.resolution
            ? [
                { label: '化解情况', children: `${d.resolution.date}：${d.resolution.content}`, span: 2 },
                { label: '满意度', children: <Tag color={d.resolution.satisfaction === '不满意' ? 'red' : 'green'}>{d.resolution.satisfaction}</Tag> },
                { label: '检举控告人意见', children: d.resolution.reporterView || '—' },
              ]
            : []),
        ]}
      />
      {d.activities.length > 0 && (
        <>
          <Typography.Text strong>专班工作记录</Typography.Text>
          <Timeline
            style={{ marginTop: 8 }}
            items={d.activities.map((a) => ({
              children: (
                <div>
                  <Tag>{a.kind}</Tag>
                  {a.date}
                  {a.participants && <Typography.Text type="secondary">（{a.participants}）</Typography.Text>}：{a.content}
                </div>
              ),
            }))}
          />
        </>
      )}
      <Modal open={editing !== null} title={editing ? forms[editing].title : ''} okText="保存" cancelText="取消" onOk={() => void save()} onCancel={() => setEditing(null)} destroyOnHidden width={600}>
        <Form key={editing ?? ''} form={form} layout="vertical" preserve={false} initialValues={initialValues}>
          {editing && forms[editing].body}
        </Form>
      </Modal>
    </Card>
  );
}

/** 列为重点疑难件: asks for the reason; the record goes to the chain's first case. */
export function FlagDifficultButton({ id, onFlagged }: { id: string; onFlagged(next: DifficultView): void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <>
      <Button onClick={() => setOpen(true)}>列为重点疑难件</Button>
      <Modal
        open={open}
        title="列为重点疑难件"
        okText="列入"
        cancelText="取消"
        onCancel={() => setOpen(false)}
        onOk={async () => {
          try {
            onFlagged(await api['difficult.flag']({ id, reason }));
            setOpen(false);
            message.success('已列为重点疑难件，可组建化解专班');
          } catch (err) {
            message.error(errorMessage(err));
          }
        }}
      >
        <Typography.Paragraph type="secondary">重复件链中的任一件列入时，记在首件上，整条链共用一个化解专班。</Typography.Paragraph>
        <Input.TextArea aria-label="列入理由" rows={3} maxLength={500} placeholder="理由，如：同一问题经核实失实后仍多次重复举报" value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </>
  );
}
