import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Descriptions, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { FIELD_VISIT_STATUS_LABELS, FIELD_VISIT_STATUSES, type FieldVisit } from '../../../../shared/domain/visits';
import { api } from '../../api/client';
import { useAsync } from '../../useAsync';
import { useCan } from '../auth/session';
import { PlanModal, RecordModal } from './FieldVisitModals';

/** 带信下访: plans and records by date, place and status; each row opens its checklist and per-case findings. */
export function FieldVisitsPage({ questions }: { questions: string[] }) {
  const can = useCan();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [place, setPlace] = useState('');
  const [status, setStatus] = useState<FieldVisit['status'] | undefined>(undefined);
  const [dialog, setDialog] = useState<'plan' | FieldVisit | null>(null);
  const query = { from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD'), place: place.trim(), status };
  const list = useAsync(() => api['fieldVisits.list'](query), [JSON.stringify(query)]);
  const saved = () => void list.reload();

  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <DatePicker.RangePicker aria-label="下访日期范围" value={range} onChange={(v) => setRange(v)} />
          <Input.Search aria-label="下访地点" placeholder="地点" allowClear style={{ width: 180 }} onSearch={setPlace} />
          <Select aria-label="状态" allowClear placeholder="全部状态" style={{ width: 120 }} value={status} onChange={setStatus} options={FIELD_VISIT_STATUSES.map((s) => ({ value: s, label: FIELD_VISIT_STATUS_LABELS[s] }))} />
        </Space>
      }
      extra={
        can('case.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('plan')}>
            制定下访计划
          </Button>
        )
      }
    >
      {list.error && <Alert type="error" message={list.error} />}
      <Table<FieldVisit>
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.value ?? []}
        data-testid="field-visits"
        locale={{ emptyText: '没有符合条件的带信下访' }}
        pagination={{ pageSize: 30, showTotal: (n) => `共 ${n} 次` }}
        expandable={{
          expandedRowRender: (v) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {v.summary && <Typography.Text>下访情况：{v.summary}</Typography.Text>}
              <Descriptions
                size="small"
                column={1}
                bordered
                title="访前问题"
                items={v.checklist.map((a, i) => ({ key: i, label: a.question, children: `${a.done ? '已落实' : '未落实'}${a.note ? `：${a.note}` : ''}` }))}
              />
              <Table
                size="small"
                pagination={false}
                rowKey="caseId"
                dataSource={v.cases}
                columns={[
                  { title: '信访件', dataIndex: 'caseNo', width: 190 },
                  { title: '了解的情况', dataIndex: 'finding', render: (t: string) => t || '—' },
                  { title: '处理意见', dataIndex: 'decision', render: (t: string) => t || '—' },
                  { title: '解决', dataIndex: 'solved', width: 70, render: (s: boolean) => (s ? <Tag color="green">已解决</Tag> : '—') },
                ]}
              />
            </Space>
          ),
        }}
        columns={[
          { title: '日期', width: 100, render: (_x, v) => v.visitedOn ?? v.date },
          { title: '地点', dataIndex: 'place', width: 160 },
          { title: '带队领导', width: 120, render: (_x, v) => v.leaders.join('、') },
          { title: '参加人员', render: (_x, v) => v.participants.join('、') || '—' },
          { title: '信访件', render: (_x, v) => v.cases.map((c) => c.caseNo).join('、') },
          { title: '访前问题', width: 90, render: (_x, v) => `${v.checklist.filter((a) => a.done).length}/${v.checklist.length}` },
          { title: '解决问题', dataIndex: 'problemsSolved', width: 80 },
          { title: '状态', width: 80, render: (_x, v) => <Tag color={v.status === 'done' ? 'green' : 'blue'}>{FIELD_VISIT_STATUS_LABELS[v.status]}</Tag> },
          {
            title: '',
            width: 120,
            render: (_x, v) =>
              v.status === 'planned' &&
              can('case.write') && (
                <Button size="small" onClick={() => setDialog(v)}>
                  记录下访情况
                </Button>
              ),
          },
        ]}
      />
      {dialog === 'plan' && <PlanModal questions={questions} onClose={() => setDialog(null)} onSaved={saved} />}
      {dialog && dialog !== 'plan' && <RecordModal visit={dialog} onClose={() => setDialog(null)} onSaved={saved} />}
    </Card>
  );
}
