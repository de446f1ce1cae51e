import { App, Button, Card, Empty, Popconfirm, Space, Table, Typography } from 'antd';
import type { ConflictView } from '../../../../shared/domain/exchange';
import { api, errorMessage } from '../../api/client';
import { dateTime } from '../documents/common';
import { useExchangeConflicts } from './hooks';

/** 交换冲突: both offices changed a case since they last exchanged it; both versions are kept until someone chooses. */
export function ConflictsPage({ canWrite, onResolved }: { canWrite: boolean; onResolved(): void }) {
  const { message } = App.useApp();
  const conflicts = useExchangeConflicts();

  async function resolve(c: ConflictView, keep: 'local' | 'incoming') {
    try {
      await api['exchange.resolve']({ caseId: c.caseId, keep });
      message.success(keep === 'local' ? `${c.localCaseNo}：保留本机版本` : `${c.localCaseNo}：已采用${c.fromName}的版本`);
      await conflicts.reload();
      onResolved();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  if (!conflicts.value?.length) return <Empty description="没有待处理的交换冲突" />;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {conflicts.value.map((c) => (
        <Card
          key={c.caseId}
          size="small"
          data-testid="conflict"
          title={`${c.localCaseNo}：本机与${c.fromName}（交换包第 ${c.seq} 号）都作了修改`}
          extra={
            canWrite && (
              <Space>
                <Popconfirm title="保留本机版本，不采用发来的修改？" okText="确认保留" onConfirm={() => void resolve(c, 'local')}>
                  <Button>保留本机版本</Button>
                </Popconfirm>
                <Popconfirm title="采用发来的版本？本机的修改将被替换（办理记录中保留处理情况）" okText="确认采用" onConfirm={() => void resolve(c, 'incoming')}>
                  <Button type="primary">采用发来的版本</Button>
                </Popconfirm>
              </Space>
            )
          }
        >
          <Typography.Paragraph type="secondary">
            本机最后修改 {dateTime(c.localUpdatedAt)}；发来的版本修改于 {dateTime(c.incomingUpdatedAt)}，{dateTime(c.receivedAt)} 收到。
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey="field"
            pagination={false}
            dataSource={c.differences}
            locale={{ emptyText: '字段相同，办理记录不同' }}
            columns={[
              { title: '项目', dataIndex: 'field', width: 140 },
              { title: '本机', dataIndex: 'before' },
              { title: '发来的', dataIndex: 'after' },
            ]}
          />
        </Card>
      ))}
    </Space>
  );
}
