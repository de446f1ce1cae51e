import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { AuditEntryView } from '../../../../shared/domain/audit';
import { api, errorMessage } from '../../api/client';
import { saveFile } from '../../host/files';
import { useAsync } from '../../useAsync';

const OUTCOME = { success: <Tag color="green">成功</Tag>, failure: <Tag color="orange">失败</Tag>, denied: <Tag color="red">拒绝</Tag> };

/** 审计日志: read-only, hash-chained; the administrator can filter and export it. */
export function AuditPage() {
  const { message } = App.useApp();
  const [user, setUser] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const log = useAsync(() => api['audit.query']({ user: user || undefined, ...page }), [user, page.page, page.pageSize]);
  return (
    <Card
      title="审计日志"
      extra={
        <Space>
          <Input.Search placeholder="按用户筛选" allowClear onSearch={(v) => { setUser(v.trim()); setPage((p) => ({ ...p, page: 1 })); }} style={{ width: 200 }} />
          <Button
            icon={<DownloadOutlined />}
            onClick={() => api['audit.export']({}).then((f) => saveFile(f.fileName, f.base64, 'text/csv'), (e: unknown) => message.error(errorMessage(e)))}
          >
            导出（CSV）
          </Button>
        </Space>
      }
    >
      {log.value && log.value.problems.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} message="审计日志完整性校验未通过，可能被修改或删除" description={log.value.problems.join('；')} />
      )}
      {log.value && log.value.problems.length === 0 && <Alert type="success" showIcon style={{ marginBottom: 12 }} message="哈希链校验通过：日志未被修改或删除。" />}
      <Table<AuditEntryView>
        rowKey="seq"
        size="small"
        loading={log.loading}
        dataSource={log.value?.entries ?? []}
        pagination={{ current: page.page, pageSize: page.pageSize, total: log.value?.total ?? 0, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 70 },
          { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => new Date(v).toLocaleString('zh-CN', { hour12: false }) },
          { title: '用户', dataIndex: 'user', width: 100 },
          { title: '操作', dataIndex: 'actionLabel', width: 150 },
          { title: '对象', dataIndex: 'object', ellipsis: true },
          { title: '结果', dataIndex: 'outcome', width: 70, render: (v: AuditEntryView['outcome']) => OUTCOME[v] },
          { title: '说明', dataIndex: 'detail', ellipsis: true },
        ]}
      />
    </Card>
  );
}
