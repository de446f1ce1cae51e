import { Alert, Card, Segmented, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { DIFFICULT_STATUSES, type DifficultRow, type DifficultStatus } from '../../../../shared/domain/difficult';
import { api, onEvent } from '../../api/client';
import { useAsync } from '../../useAsync';
import { DIFFICULT_COLORS } from './DifficultCard';

/** 重点疑难件 with their status: overdue first, then those waiting for a task force, in progress, resolved. */
export function DifficultPage({ onOpenCase }: { onOpenCase(id: string): void }) {
  const list = useAsync(() => api['difficult.list']({}));
  useEffect(() => onEvent('cases.changed', () => void list.reload()), [list.reload]);
  const [status, setStatus] = useState<DifficultStatus | '全部'>('全部');
  const rows = (list.value ?? []).filter((r) => status === '全部' || r.status === status);
  const count = (s: DifficultStatus) => (list.value ?? []).filter((r) => r.status === s).length;
  return (
    <Card
      title="重点疑难件"
      extra={<Segmented value={status} onChange={(v) => setStatus(v as DifficultStatus | '全部')} options={['全部', ...DIFFICULT_STATUSES.map((s) => ({ value: s, label: `${s} ${count(s)}` }))]} />}
    >
      {list.error && <Alert type="error" title={list.error} style={{ marginBottom: 12 }} />}
      <Table<DifficultRow>
        size="small"
        rowKey="caseId"
        data-testid="difficult-list"
        loading={list.loading}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: '暂无重点疑难件（在信访件详情页“列为重点疑难件”）' }}
        columns={[
          { title: '信访件编号', dataIndex: 'caseNo', width: 170, render: (v: string, r) => <Typography.Link onClick={() => onOpenCase(r.caseId)}>{v}</Typography.Link> },
          { title: '状态', dataIndex: 'status', width: 110, render: (s: DifficultStatus) => <Tag color={DIFFICULT_COLORS[s]}>{s}</Tag> },
          { title: '被反映人', dataIndex: 'accused', width: 200, ellipsis: { showTitle: true } },
          { title: '重复件数', dataIndex: 'chainCount', width: 90 },
          { title: '专班组长', dataIndex: 'lead', width: 100, render: (v: string) => v || '—' },
          { title: '化解期限', dataIndex: 'deadline', width: 110, render: (v: string) => v || '—' },
          { title: '专班工作', dataIndex: 'activities', width: 90, render: (n: number) => `${n} 次` },
          { title: '真实诉求', dataIndex: 'realDemand', ellipsis: { showTitle: true }, render: (v: string) => v || '—' },
          { title: '满意度', dataIndex: 'satisfaction', width: 90, render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Card>
  );
}
