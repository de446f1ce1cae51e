import { Alert, Card, Table, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import type { RepeatChainRow } from '../../../../shared/domain/repeat-report';
import { api, onEvent } from '../../api/client';
import { useAsync } from '../../useAsync';
import { DIFFICULT_COLORS } from './DifficultCard';
import { RepeatSettingsForm } from './RepeatSettingsForm';

/** Every chain of repeats, most copies first: the backlog a task force may be needed for. */
export function ChainsPage({ onOpenCase }: { onOpenCase(id: string): void }) {
  const chains = useAsync(() => api['repeats.chains']({}));
  useEffect(() => onEvent('cases.changed', () => void chains.reload()), [chains.reload]);
  const rows = chains.value ?? [];
  return (
    <Card title="重复件链（按件数排列）" extra={<RepeatSettingsForm />}>
      {chains.error && <Alert type="error" title={chains.error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">
        重复件登记后留存备查，不再重复办理、不发受理告知；同一问题反复举报的，可在首件上列为重点疑难件并组建化解专班。
        {rows.length > 0 && ` 共 ${rows.length} 条重复件链，涉及 ${rows.reduce((n, r) => n + r.count, 0)} 件。`}
      </Typography.Paragraph>
      <Table<RepeatChainRow>
        size="small"
        rowKey="firstId"
        data-testid="chains"
        loading={chains.loading}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: '尚无关联的重复件' }}
        columns={[
          { title: '首件编号', dataIndex: 'firstCaseNo', width: 170, render: (v: string, r) => <Typography.Link onClick={() => onOpenCase(r.firstId)}>{v}</Typography.Link> },
          { title: '件数', dataIndex: 'count', width: 70, render: (n: number) => <Tag color={n >= 5 ? 'red' : n >= 3 ? 'orange' : 'default'}>{n}</Tag> },
          { title: '被反映人', dataIndex: 'accused', width: 160, ellipsis: { showTitle: true } },
          { title: '主要问题', dataIndex: 'summary', ellipsis: { showTitle: true } },
          { title: '首次收件', dataIndex: 'firstReceived', width: 100 },
          { title: '最近收件', dataIndex: 'latestReceived', width: 100 },
          { title: '来源', dataIndex: 'sources', width: 180, ellipsis: { showTitle: true }, render: (s: string[]) => s.join('、') },
          { title: '重点疑难件', dataIndex: 'difficult', width: 110, render: (s: RepeatChainRow['difficult']) => (s ? <Tag color={DIFFICULT_COLORS[s]}>{s}</Tag> : '—') },
        ]}
      />
    </Card>
  );
}
