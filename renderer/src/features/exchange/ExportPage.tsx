import { ExportOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Form, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { ExchangeStatus } from '../../../../shared/domain/exchange';
import type { LedgerRow } from '../../../../shared/domain/ledger';
import { api, errorMessage } from '../../api/client';
import { saveFile } from '../../host/files';
import { useAsync } from '../../useAsync';
import { useDebounced } from '../documents/common';
import { ProgressLine } from './ProgressLine';
import { BUNDLE_MIME, useExchangeProgress } from './hooks';

/**
 * 发送交换包: choose cases (or all) and a trusted office; the bundle is signed and encrypted for that office (and, if
 * set, a passphrase told by phone). The reporter's identity stays out unless the user opts in with a reason.
 */
export function ExportPage({ status, onSent, canRevealIdentity }: { status: ExchangeStatus; onSent(): void; canRevealIdentity: boolean }) {
  const { message } = App.useApp();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const query = useDebounced(search, 300);
  const ledger = useAsync(() => api['cases.ledger']({ search: query, page, pageSize: 20 }), [query, page]);
  const [selected, setSelected] = useState<string[]>([]);
  const [all, setAll] = useState(false);
  const [recipientId, setRecipientId] = useState<string | undefined>(status.trusted[0]?.officeId);
  const [passphrase, setPassphrase] = useState('');
  const [includeIdentity, setIncludeIdentity] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const progress = useExchangeProgress('export', busy);
  const count = all ? (ledger.value?.total ?? 0) : selected.length;
  const ready = recipientId && count > 0 && (!passphrase || passphrase.length >= 8) && (!includeIdentity || reason.trim().length >= 2);

  async function send() {
    if (!recipientId) return;
    setBusy(true);
    try {
      const file = await api['exchange.export']({
        caseIds: all ? [] : selected,
        all,
        recipientId,
        passphrase: passphrase || undefined,
        includeIdentity,
        identityReason: includeIdentity ? reason : undefined,
      });
      saveFile(file.fileName, file.base64, BUNDLE_MIME);
      message.success(`已生成交换包第 ${file.seq} 号（${file.caseCount} 件），请保存到 U 盘`);
      setSelected([]);
      onSent();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  if (status.trusted.length === 0) return <Alert type="info" showIcon title="尚未登记可信机关" description="先在“可信机关”中导入对方机关的密钥文件并电话核对指纹，才能向其发送交换包。" />;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title="1. 选择信访件">
        <Space style={{ marginBottom: 8 }}>
          <Input.Search aria-label="查找信访件" placeholder="编号、被反映人、摘要" allowClear value={search} onChange={(e) => (setSearch(e.target.value), setPage(1))} style={{ width: 320 }} disabled={all} />
          <Checkbox checked={all} onChange={(e) => setAll(e.target.checked)}>
            全部信访件
          </Checkbox>
          <Typography.Text type="secondary" data-testid="export-count">
            已选 {count} 件
          </Typography.Text>
        </Space>
        <Table<LedgerRow>
          size="small"
          rowKey="id"
          loading={ledger.loading}
          dataSource={ledger.value?.rows ?? []}
          data-testid="export-cases"
          rowSelection={all ? undefined : { selectedRowKeys: selected, preserveSelectedRowKeys: true, onChange: (keys) => setSelected(keys as string[]) }}
          pagination={{ current: page, pageSize: 20, total: ledger.value?.total ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true }}
          columns={[
            { title: '编号', dataIndex: 'caseNo', width: 170 },
            { title: '收件日期', dataIndex: 'receivedDate', width: 110 },
            { title: '被反映人', dataIndex: 'accused', width: 160, ellipsis: true },
            { title: '摘要', dataIndex: 'summary', ellipsis: true },
            { title: '状态', dataIndex: 'status', width: 80 },
          ]}
        />
      </Card>
      <Card size="small" title="2. 接收机关与加密">
        <Form layout="vertical" style={{ maxWidth: 560 }}>
          <Form.Item label="接收机关" required>
            <Select aria-label="接收机关" value={recipientId} onChange={setRecipientId} options={status.trusted.map((t) => ({ value: t.officeId, label: t.name }))} />
          </Form.Item>
          <Form.Item label="交换口令（可选）" extra="交换包总以接收机关的公钥加密，只有对方能打开；另设口令时，须同时知道口令（请电话告知，勿与 U 盘放在一起）。">
            <Input.Password aria-label="交换口令" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="new-password" status={passphrase && passphrase.length < 8 ? 'error' : undefined} placeholder="至少 8 个字符" />
          </Form.Item>
          <Form.Item>
            <Checkbox checked={includeIdentity} disabled={!canRevealIdentity} onChange={(e) => setIncludeIdentity(e.target.checked)}>
              随件移交检举控告人身份信息（默认不移交；将记入审计日志）
            </Checkbox>
          </Form.Item>
          {includeIdentity && (
            <Form.Item label="移交理由" required>
              <Input aria-label="移交理由" value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} placeholder="如：交办件须由承办机关直接反馈实名检举控告人" />
            </Form.Item>
          )}
        </Form>
        <Button type="primary" icon={<ExportOutlined />} disabled={!ready} loading={busy} onClick={() => void send()}>
          生成交换包（{count} 件）
        </Button>
        <ProgressLine busy={busy} progress={progress} label="正在生成交换包" />
      </Card>
    </Space>
  );
}
