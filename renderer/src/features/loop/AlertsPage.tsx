import { Alert, App, Button, Card, Col, Row, Space, Statistic, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { AlertRow } from '../../../../shared/domain/alerts';
import type { CaseDetail } from '../../../../shared/domain/case';
import { OBLIGATION_LABELS } from '../../../../shared/domain/deadlines';
import { STAGE_LABELS, type LoopStepInput } from '../../../../shared/domain/loop';
import { api, errorMessage, onEvent } from '../../api/client';
import { useAsync } from '../../useAsync';
import { useCan } from '../auth/session';
import { AlertTag } from './alerts';
import { StepModal } from './StepModal';
import { DocumentEditor } from '../documents/DocumentEditor';

const TALLY_COLUMNS = [
  { title: '名称', dataIndex: 'name' },
  { title: '红', dataIndex: 'red', width: 60, render: (n: number) => <Typography.Text type={n ? 'danger' : undefined}>{n}</Typography.Text> },
  { title: '黄', dataIndex: 'yellow', width: 60, render: (n: number) => <Typography.Text type={n ? 'warning' : undefined}>{n}</Typography.Text> },
];

/** 预警督办: red (超期) and yellow (临期) cases first; one click records a 催办 or 督办. */
export function AlertsPage({ onOpenCase }: { onOpenCase(id: string): void }) {
  const { message } = App.useApp();
  const can = useCan();
  const overview = useAsync(() => api['alerts.overview']({}));
  const [supervising, setSupervising] = useState<CaseDetail | null>(null);
  const [drafting, setDrafting] = useState<CaseDetail | null>(null);
  useEffect(() => onEvent('cases.changed', () => void overview.reload()), [overview.reload]);
  const o = overview.value;

  async function openLetter(row: AlertRow) {
    try {
      setDrafting(await api['cases.get']({ id: row.id }));
    } catch (err) {
      message.error(errorMessage(err));
    }
  }
  async function openSupervision(row: AlertRow) {
    try {
      setSupervising(await api['cases.get']({ id: row.id }));
    } catch (err) {
      message.error(errorMessage(err));
    }
  }
  async function record(step: LoopStepInput) {
    if (!supervising) return;
    try {
      await api['loop.apply']({ id: supervising.id, expectedUpdatedAt: supervising.updatedAt, step });
      message.success('督办已记录');
      setSupervising(null);
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  return (
    <div className="page">
      {overview.error && <Alert type="error" message={overview.error} />}
      {o && o.missingYears.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`尚未载入 ${o.missingYears.join('、')} 年节假日安排，部分期限无法计算（按黄色提示）。请在“设置 → 期限与节假日”中导入。`} />
      )}
      <Row gutter={12} style={{ marginBottom: 12 }}>
        {([['red', '超期（红）', '#cf1322'], ['yellow', '临期（黄）', '#d48806'], ['none', '正常办理', undefined], ['blue', '已办结（蓝）', '#1d4e89']] as const).map(([key, title, color]) => (
          <Col span={6} key={key}>
            <Card size="small">
              <Statistic title={title} value={o?.counts[key] ?? 0} valueStyle={{ color }} data-testid={`count-${key}`} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={12} style={{ marginBottom: 12 }}>
        <Col span={12}>
          <Card size="small" title="按承办部门">
            <Table size="small" rowKey="name" pagination={false} dataSource={o?.byDepartment ?? []} columns={TALLY_COLUMNS} />
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small" title="按经办人">
            <Table size="small" rowKey="name" pagination={false} dataSource={o?.byPerson ?? []} columns={TALLY_COLUMNS} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title="须催办、督办的信访件">
        <Table<AlertRow>
          rowKey="id"
          size="small"
          loading={overview.loading}
          dataSource={o?.rows ?? []}
          locale={{ emptyText: '没有超期或临期的信访件' }}
          columns={[
            { title: '预警', dataIndex: 'alert', width: 56, render: (a: AlertRow['alert']) => <AlertTag alert={a} /> },
            { title: '编号', dataIndex: 'caseNo', width: 170, render: (v: string, r) => <Typography.Link onClick={() => onOpenCase(r.id)}>{v}</Typography.Link> },
            { title: '期限', width: 230, render: (_v, r) => (r.obligation ? `${OBLIGATION_LABELS[r.obligation]}：${r.due ?? '无法计算'}` : '') },
            { title: '办理', dataIndex: 'stage', width: 120, render: (s: AlertRow['stage']) => STAGE_LABELS[s] },
            { title: '承办部门', dataIndex: 'department', width: 120 },
            { title: '经办人', dataIndex: 'person', width: 90 },
            { title: '摘要', dataIndex: 'summary', ellipsis: true },
            { title: '督办', dataIndex: 'supervisions', width: 56 },
            ...(can('case.write')
              ? [
                  {
                    title: '',
                    width: 190,
                    render: (_v: unknown, r: AlertRow) => (
                      <Space size={4}>
                        <Button size="small" onClick={() => void openSupervision(r)}>记录督办</Button>
                        <Button size="small" onClick={() => void openLetter(r)}>出具督办函</Button>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {drafting && <DocumentEditor detail={drafting} initialType="supervision" onClose={() => setDrafting(null)} onIssued={setDrafting} />}
      {supervising && <StepModal kind="supervise" detail={supervising} onCancel={() => setSupervising(null)} onSubmit={record} />}
    </div>
  );
}
