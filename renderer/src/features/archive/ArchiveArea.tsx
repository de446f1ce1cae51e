import { Alert, Card, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { ArchiveRow } from '../../../../shared/domain/archive';
import { api } from '../../api/client';
import { useAsync } from '../../useAsync';
import { CaseDetailPage } from '../cases/CaseDetailPage';

/** 档案: the archived cases of a year in 卷号 order, each one click from its (read-only) case. */
export function ArchiveArea() {
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [caseId, setCaseId] = useState<string | null>(null);
  const list = useAsync(() => api['archive.list']({ year }), [year, caseId]);
  if (caseId) return <CaseDetailPage id={caseId} onBack={() => setCaseId(null)} backLabel="返回档案" />;
  const years = [...new Set([thisYear, ...(list.value?.years ?? [])])].sort((a, b) => b - a);
  return (
    <div className="page">
      <Card
        title="档案"
        extra={
          <Space>
            <Typography.Text type="secondary">年度</Typography.Text>
            <Select aria-label="年度" value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: `${y} 年` }))} style={{ width: 110 }} />
          </Space>
        }
      >
        {list.error && <Alert type="error" message={list.error} style={{ marginBottom: 12 }} />}
        <Table<ArchiveRow>
          size="small"
          rowKey="id"
          loading={list.loading}
          dataSource={list.value?.rows ?? []}
          data-testid="archive-table"
          locale={{ emptyText: `${year} 年尚无存档的信访件` }}
          pagination={{ pageSize: 50, showTotal: (n) => `共 ${n} 卷` }}
          onRow={(r) => ({ onClick: () => setCaseId(r.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: '卷号', width: 100, render: (_v, r) => <Typography.Text strong>{r.archive.volumeNo}</Typography.Text> },
            { title: '信访件编号', dataIndex: 'caseNo', width: 190 },
            { title: '收件日期', dataIndex: 'receivedDate', width: 100 },
            { title: '被反映人', dataIndex: 'accused', width: 200, ellipsis: true },
            { title: '主要问题', dataIndex: 'summary', ellipsis: true },
            { title: '归档日期', width: 100, render: (_v, r) => r.archive.date },
            { title: '保管期限', width: 80, render: (_v, r) => r.archive.retention },
            { title: '页数', width: 60, render: (_v, r) => r.archive.pages },
            { title: '立卷人', width: 80, render: (_v, r) => r.archive.by },
          ]}
        />
      </Card>
    </div>
  );
}
