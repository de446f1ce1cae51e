import { DownloadOutlined, ImportOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Input, Result, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { IMPORT_OUTCOME_LABELS, type ImportOutcome, type ImportPreview, type ImportResult, type OutcomeCounts, type PreviewRow } from '../../../../shared/domain/exchange';
import { api, errorMessage } from '../../api/client';
import { readFileBase64, saveFile } from '../../host/files';
import { dateTime } from '../documents/common';
import { ProgressLine } from './ProgressLine';
import { BUNDLE_MIME, useExchangeProgress } from './hooks';

const OUTCOME_COLOURS: Record<ImportOutcome, string> = { new: 'green', updated: 'blue', unchanged: 'default', conflict: 'red' };

export function Counts({ counts }: { counts: OutcomeCounts }) {
  return (
    <Space size={32} data-testid="import-counts">
      {(Object.keys(IMPORT_OUTCOME_LABELS) as ImportOutcome[]).map((o) => (
        <Statistic key={o} title={IMPORT_OUTCOME_LABELS[o]} value={counts[o]} valueStyle={o === 'conflict' && counts[o] > 0 ? { color: '#cf1322' } : undefined} />
      ))}
    </Space>
  );
}

/**
 * 导入交换包或回执: choose the file → the backend verifies signature, sender, recipient and number before opening it →
 * preview (new, updated, unchanged, conflicting) → import all or nothing → the 回执 to carry back.
 */
export function ImportPage({ onImported }: { onImported(result: ImportResult): void }) {
  const { message } = App.useApp();
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [needsPassphrase, setNeedsPassphrase] = useState(false);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const progress = useExchangeProgress('import', busy);

  async function check(chosen: { name: string; base64: string }, secret: string) {
    setBusy(true);
    setError(null);
    try {
      setPreview(await api['exchange.preview']({ base64: chosen.base64, passphrase: secret || undefined }));
      setNeedsPassphrase(false);
    } catch (err) {
      const text = errorMessage(err);
      if (/口令/.test(text)) setNeedsPassphrase(true);
      setError(text);
    } finally {
      setBusy(false);
    }
  }

  async function choose(chosen: File) {
    const next = { name: chosen.name, base64: await readFileBase64(chosen) };
    setFile(next);
    setPreview(null);
    setResult(null);
    setPassphrase('');
    await check(next, '');
  }

  async function confirm() {
    if (!file) return;
    setBusy(true);
    try {
      const done = await api['exchange.import']({ base64: file.base64, passphrase: passphrase || undefined });
      setResult(done);
      setPreview(null);
      onImported(done);
      message.success(done.kind === 'receipt' ? '回执已登记' : '交换包已导入');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  function reset() {
    setFile(null);
    setPreview(null);
    setResult(null);
    setError(null);
  }

  if (result) {
    return (
      <Card data-testid="import-result">
        <Result
          status="success"
          title={result.kind === 'receipt' ? `已登记${result.sender.name}的回执` : `已导入${result.sender.name}交换包第 ${result.seq} 号`}
          subTitle={result.kind === 'receipt' ? '对应的发送记录已标为“已回执”。' : '请把回执保存到 U 盘，带回发送机关导入，对方即可确认已收到。'}
          extra={[
            result.receipt && (
              <Button key="receipt" type="primary" icon={<DownloadOutlined />} onClick={() => saveFile(result.receipt!.fileName, result.receipt!.base64, BUNDLE_MIME)}>
                下载回执
              </Button>
            ),
            <Button key="again" onClick={reset}>
              导入其他文件
            </Button>,
          ]}
        />
        {result.kind === 'cases' && <Counts counts={result.counts} />}
      </Card>
    );
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title="选择交换包或回执（.xfb）">
        <Upload.Dragger accept=".xfb" showUploadList={false} beforeUpload={(f) => (void choose(f), false)} data-testid="import-file">
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>点击或拖入 U 盘中的交换包、回执</p>
          <p className="ant-upload-hint">导入前先核验签名、发送机关、接收机关和序号；任何一项不符，不读取、不写入任何内容。</p>
        </Upload.Dragger>
        {file && (
          <Typography.Paragraph style={{ marginTop: 8 }}>
            文件：<Typography.Text code>{file.name}</Typography.Text>
          </Typography.Paragraph>
        )}
        {needsPassphrase && file && (
          <Space>
            <Input.Password aria-label="交换口令" placeholder="对方电话告知的交换口令" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} onPressEnter={() => void check(file, passphrase)} style={{ width: 300 }} />
            <Button onClick={() => void check(file, passphrase)} loading={busy}>
              核验
            </Button>
          </Space>
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="import-error" />}
        <ProgressLine busy={busy} progress={progress} label="正在核验" />
      </Card>

      {preview && (
        <Card size="small" title="预览" data-testid="import-preview">
          <Descriptions column={2} size="small" style={{ marginBottom: 12 }}>
            <Descriptions.Item label="发送机关">{preview.sender.name}</Descriptions.Item>
            <Descriptions.Item label="指纹">
              <Typography.Text code>{preview.sender.fingerprint}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="类型">{preview.kind === 'receipt' ? '回执' : `交换包第 ${preview.seq} 号`}</Descriptions.Item>
            <Descriptions.Item label="生成时间">{dateTime(preview.createdAt)}</Descriptions.Item>
            {preview.kind === 'cases' && <Descriptions.Item label="检举控告人身份">{preview.includesIdentity ? '随件移交（导入后按本机密钥保管）' : '未随件移交'}</Descriptions.Item>}
          </Descriptions>
          {preview.acknowledges ? (
            <Alert type="info" showIcon title={`确认收到本机交换包第 ${preview.acknowledges.seq} 号`} description={`对方导入结果：新增 ${preview.acknowledges.counts.new}，更新 ${preview.acknowledges.counts.updated}，无变化 ${preview.acknowledges.counts.unchanged}，冲突 ${preview.acknowledges.counts.conflict}`} />
          ) : (
            <>
              <Counts counts={preview.counts} />
              {preview.counts.conflict > 0 && <Alert type="warning" showIcon style={{ margin: '12px 0' }} title="有冲突：本机与对方都修改过这些信访件。导入后两个版本都保留，请在“交换冲突”中逐件选择。" />}
              <Table<PreviewRow>
                size="small"
                rowKey="id"
                dataSource={preview.rows}
                style={{ marginTop: 12 }}
                pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
                columns={[
                  { title: '结果', dataIndex: 'outcome', width: 80, render: (o: ImportOutcome) => <Tag color={OUTCOME_COLOURS[o]}>{IMPORT_OUTCOME_LABELS[o]}</Tag> },
                  { title: '来源编号', dataIndex: 'caseNo', width: 170 },
                  { title: '本机编号', dataIndex: 'localCaseNo', width: 170, render: (v: string | null) => v ?? '（导入时编号）' },
                  { title: '收件日期', dataIndex: 'receivedDate', width: 110 },
                  { title: '摘要', dataIndex: 'summary', ellipsis: true },
                ]}
              />
            </>
          )}
          <Space style={{ marginTop: 12 }}>
            <Button type="primary" icon={<ImportOutlined />} loading={busy} onClick={() => void confirm()}>
              {preview.kind === 'receipt' ? '登记回执' : '确认导入'}
            </Button>
            <Button onClick={reset}>取消</Button>
          </Space>
        </Card>
      )}
    </Space>
  );
}
