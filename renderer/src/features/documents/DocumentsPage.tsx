import { Alert, Card, DatePicker, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { DocumentType } from '../../../../shared/documents/model';
import type { RegistryEntry } from '../../../../shared/documents/registry';
import { api, onEvent } from '../../api/client';
import { useAsync } from '../../useAsync';
import { dateTime, typeLabel } from './common';

/** 文号登记簿: every number taken in a year, issued or voided, so no number is reused or skipped without a record. */
export function DocumentsPage({ onOpenCase }: { onOpenCase(caseId: string): void }) {
  const [year, setYear] = useState<number | undefined>(new Date().getFullYear());
  const registry = useAsync(() => api['documents.registry'](year === undefined ? {} : { year }), [year]);
  useEffect(() => onEvent('cases.changed', () => void registry.reload()), [registry.reload]);
  const rows = registry.value ?? [];
  const voided = rows.filter((r) => r.status === 'voided').length;

  return (
    <Card
      title="文号登记簿"
      extra={
        <Space>
          <span>年度</span>
          <DatePicker
            picker="year"
            aria-label="年度"
            placeholder="全部年度"
            value={year === undefined ? null : dayjs(`${year}-01-01`)}
            onChange={(d) => setYear(d ? d.year() : undefined)}
          />
        </Space>
      }
    >
      {registry.error && <Alert type="error" title={registry.error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">
        文号按代字和年度分别连续编号，出具文书时取号。作废的文号保留在登记簿中并注明理由，不再使用。
        {rows.length > 0 && ` ${year ?? '全部年度'}${year ? ' 年' : ''}共取号 ${rows.length} 个，其中作废 ${voided} 个。`}
      </Typography.Paragraph>
      <Table<RegistryEntry>
        size="small"
        rowKey="docNo"
        loading={registry.loading}
        dataSource={rows}
        data-testid="registry"
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: '该年度尚未取号' }}
        columns={[
          { title: '文号', dataIndex: 'docNo', width: 160 },
          { title: '类型', dataIndex: 'type', width: 130, render: (t: DocumentType) => typeLabel(t) },
          { title: '标题', dataIndex: 'title', ellipsis: { showTitle: true } },
          { title: '信访件编号', dataIndex: 'caseNo', width: 160, render: (v: string, r) => <Typography.Link onClick={() => onOpenCase(r.caseId)}>{v}</Typography.Link> },
          { title: '取号人', dataIndex: 'takenBy', width: 90 },
          { title: '时间', dataIndex: 'takenAt', width: 150, render: (v: string) => dateTime(v) },
          {
            title: '状态',
            width: 220,
            render: (_v, r) =>
              r.status === 'voided' ? (
                <Space orientation="vertical" size={0}>
                  <Tag color="red">已作废</Tag>
                  {r.voided && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.voided.reason}（{r.voided.by}，{dateTime(r.voided.at)}）
                    </Typography.Text>
                  )}
                </Space>
              ) : (
                <Tag color="green">已出具</Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}
