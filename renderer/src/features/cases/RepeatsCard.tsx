import { App, Button, Card, Input, Modal, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import type { CaseDetail } from '../../../../shared/domain/case';
import { api, errorMessage } from '../../api/client';
import { useAsync } from '../../useAsync';
import { useCan } from '../auth/session';
import { SuggestionLine } from './RepeatHints';

/** 重复件: the chain this case belongs to (one timeline), or the earlier cases it may repeat, with reasons. */
export function RepeatsCard({ detail, onChanged }: { detail: CaseDetail; onChanged(d: CaseDetail): void }) {
  const { message } = App.useApp();
  const can = useCan();
  const chain = useAsync(() => api['repeats.chain']({ id: detail.id }), [detail.id, detail.updatedAt]);
  const suggestions = useAsync(() => (detail.repeatOf ? Promise.resolve([]) : api['repeats.forCase']({ id: detail.id })), [detail.id, detail.updatedAt]);
  const [unlinking, setUnlinking] = useState(false);
  const [reason, setReason] = useState('');
  const copies = chain.value?.copies ?? [];
  const list = suggestions.value ?? [];
  if (copies.length < 2 && list.length === 0) return null;

  async function run(action: () => Promise<CaseDetail>, done: string) {
    try {
      onChanged(await action());
      message.success(done);
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  return (
    <Card
      size="small"
      title={copies.length > 1 ? `重复件链（共 ${copies.length} 件）` : '可能重复的在先信访件'}
      style={{ marginBottom: 12 }}
      data-testid="repeats"
      extra={
        detail.repeatOf &&
        can('case.write') && (
          <Button size="small" onClick={() => setUnlinking(true)}>
            解除重复关联
          </Button>
        )
      }
    >
      {copies.length > 1 && (
        <Timeline
          items={copies.map((c) => ({
            color: c.first ? 'green' : 'orange',
            children: (
              <Space>
                <Typography.Text strong={c.id === detail.id}>{c.caseNo}</Typography.Text>
                {c.first && <Tag color="green">首件</Tag>}
                <Typography.Text type="secondary">
                  {c.receivedDate} · {c.source}
                  {c.upperOffice ? `（${c.upperOffice}${c.upperRefNo ? ` ${c.upperRefNo}` : ''}）` : ''}
                </Typography.Text>
              </Space>
            ),
          }))}
        />
      )}
      {list.map((s) => (
        <div key={s.caseId} style={{ marginBottom: 8 }}>
          <Space wrap>
            <SuggestionLine suggestion={s} />
            {can('case.write') && (
              <Button size="small" onClick={() => void run(() => api['repeats.link']({ id: detail.id, firstId: s.caseId, expectedUpdatedAt: detail.updatedAt }), '已标记为重复件')}>
                标记为其重复件
              </Button>
            )}
          </Space>
        </div>
      ))}
      <Modal
        open={unlinking}
        title="解除重复关联"
        okText="解除"
        cancelText="取消"
        onCancel={() => setUnlinking(false)}
        onOk={async () => {
          await run(() => api['repeats.unlink']({ id: detail.id, expectedUpdatedAt: detail.updatedAt, reason }), '已解除重复关联');
          setUnlinking(false);
        }}
      >
        <Input aria-label="解除理由" placeholder="理由，如：反映的是不同问题" value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </Card>
  );
}
