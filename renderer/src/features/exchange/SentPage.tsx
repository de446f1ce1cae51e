import { Card, Space, Table, Tag, Typography } from 'antd';
import type { ExchangeStatus, SentBundle } from '../../../../shared/domain/exchange';
import { dateTime } from '../documents/common';

/** 发送记录: every bundle sent, and which still wait for the recipient's 回执. */
export function SentPage({ status }: { status: ExchangeStatus }) {
  const waiting = status.sent.filter((s) => !s.acknowledgedAt).length;
  return (
    <Card size="small" title="发送记录">
      <Typography.Paragraph type="secondary" data-testid="sent-summary">
        共发送 {status.sent.length} 个交换包，{waiting > 0 ? `${waiting} 个尚未收到回执（对方导入后会生成回执，带回本机导入即可确认）` : '均已收到回执'}。
      </Typography.Paragraph>
      <Table<SentBundle>
        size="small"
        rowKey="bundleId"
        dataSource={status.sent}
        data-testid="sent-bundles"
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: '尚未发送交换包' }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 70, render: (v: number) => `第 ${v} 号` },
          { title: '接收机关', dataIndex: 'recipientName' },
          { title: '件数', dataIndex: 'caseCount', width: 70 },
          { title: '信访件', dataIndex: 'caseNos', ellipsis: true, render: (v: string[], r) => `${v.slice(0, 3).join('、')}${r.caseCount > 3 ? ' 等' : ''}` },
          { title: '身份', dataIndex: 'includesIdentity', width: 90, render: (v: boolean) => (v ? <Tag color="orange">含身份</Tag> : '不含') },
          { title: '生成', width: 180, render: (_v, r) => `${r.createdBy}，${dateTime(r.createdAt)}` },
          {
            title: '回执',
            width: 250,
            render: (_v, r) =>
              r.acknowledgedAt ? (
                <Space orientation="vertical" size={0}>
                  <Tag color="green">已回执 {dateTime(r.acknowledgedAt)}</Tag>
                  {r.receipt && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      对方新增 {r.receipt.new}，更新 {r.receipt.updated}，无变化 {r.receipt.unchanged}，冲突 {r.receipt.conflict}
                    </Typography.Text>
                  )}
                </Space>
              ) : (
                <Tag color="gold">待回执</Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}
