import { App, Button, Card, DatePicker, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { CaseDetail } from '../../../../shared/domain/case';
import { OBLIGATION_LABELS, type Deadline, type Obligation } from '../../../../shared/domain/deadlines';
import { STAGE_LABELS, STEP_LABELS, type LoopStepInput, type StepKind } from '../../../../shared/domain/loop';
import { api, errorMessage } from '../../api/client';
import { useCan } from '../auth/session';
import { AlertTag, DueDate } from './alerts';
import { StepModal } from './StepModal';

/** Obligations that can be met by recording a date (受理/转办 is met by 分流 itself); e.g. a 不予受理 case's reporter is told by letter. */
const RECORDED: Obligation[] = ['acceptanceNotice', 'resultFeedback', 'assignmentReply', 'upperAssignmentReply', 'suggestionReply', 'inquiryReply'];

/** 办理: where the case stands in the loop, what it owes by when, and the next steps the rules allow. */
export function LoopPanel({ detail, onChanged }: { detail: CaseDetail; onChanged(d: CaseDetail): void }) {
  const { message } = App.useApp();
  const can = useCan();
  const [kind, setKind] = useState<StepKind | null>(null);
  const [fulfilling, setFulfilling] = useState<{ obligation: Obligation; date: Dayjs; note: string } | null>(null);

  async function apply(step: LoopStepInput) {
    try {
      onChanged(await api['loop.apply']({ id: detail.id, expectedUpdatedAt: detail.updatedAt, step }));
      message.success(`已记录：${STEP_LABELS[step.kind]}`);
      setKind(null);
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  return (
    <Card
      size="small"
      title={
        <Space>
          <span>办理</span>
          <Tag color="processing" data-testid="stage">{STAGE_LABELS[detail.stage]}</Tag>
          <AlertTag alert={detail.alert} long />
        </Space>
      }
      style={{ marginBottom: 12 }}
    >
      <Table<Deadline>
        size="small"
        pagination={false}
        rowKey={(d) => `${d.obligation}-${d.startDate}`}
        dataSource={detail.deadlines}
        locale={{ emptyText: '当前没有办理期限' }}
        data-testid="deadlines"
        columns={[
          { title: '期限', dataIndex: 'obligation', render: (o: Obligation) => OBLIGATION_LABELS[o] },
          { title: '起算', dataIndex: 'startDate', width: 110 },
          { title: '届满', width: 200, render: (_v, d) => <DueDate deadline={d} /> },
          {
            title: '状态',
            width: 200,
            render: (_v, d) =>
              d.fulfilledAt ? (
                <Tag color={d.metOnTime === false ? 'red' : 'blue'}>{d.fulfilledAt} 已履行{d.metOnTime === false ? '（超期）' : ''}</Tag>
              ) : d.paused ? (
                <Tag>中止计时</Tag>
              ) : (
                <Space>
                  <Tag>未履行</Tag>
                  {can('case.write') && RECORDED.includes(d.obligation) && (
                    <Button size="small" onClick={() => setFulfilling({ obligation: d.obligation, date: dayjs(), note: '' })}>
                      记录已履行
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      {can('case.write') && (
        <Space wrap style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">下一步：</Typography.Text>
          {detail.allowedSteps.map((k) => (
            <Button key={k} type={['extend', 'suspend', 'supervise', 'reopen'].includes(k) ? 'default' : 'primary'} onClick={() => setKind(k)}>
              {STEP_LABELS[k]}
            </Button>
          ))}
        </Space>
      )}
      <StepModal kind={kind} detail={detail} onCancel={() => setKind(null)} onSubmit={apply} />
      <Modal
        open={fulfilling !== null}
        title={fulfilling ? `记录已履行：${OBLIGATION_LABELS[fulfilling.obligation]}` : ''}
        okText="保存"
        cancelText="取消"
        onCancel={() => setFulfilling(null)}
        onOk={async () => {
          if (!fulfilling) return;
          try {
            onChanged(await api['loop.fulfil']({ id: detail.id, expectedUpdatedAt: detail.updatedAt, obligation: fulfilling.obligation, date: fulfilling.date.format('YYYY-MM-DD'), note: fulfilling.note }));
            setFulfilling(null);
          } catch (err) {
            message.error(errorMessage(err));
          }
        }}
      >
        {fulfilling && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <DatePicker value={fulfilling.date} onChange={(d) => d && setFulfilling({ ...fulfilling, date: d })} disabledDate={(d) => d.isAfter(dayjs(), 'day')} allowClear={false} />
            <Input aria-label="履行方式" placeholder="方式，如：电话告知、书面告知" value={fulfilling.note} onChange={(e) => setFulfilling({ ...fulfilling, note: e.target.value })} />
          </Space>
        )}
      </Modal>
    </Card>
  );
}
