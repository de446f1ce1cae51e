import { DownloadOutlined, EyeOutlined, FileAddOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { CaseDetail } from '../../../../shared/domain/case';
import { DOCUMENT_TYPE_INFO, type DocumentType, type IssuedDocument } from '../../../../shared/documents/model';
import { api, errorMessage } from '../../api/client';
import { useCan } from '../auth/session';
import { dateTime, downloadDocument, typeLabel } from './common';
import { DocumentEditor } from './DocumentEditor';
import { DocumentPreview } from './DocumentPreview';

/** A document's preview from its stored model: the reporter's name stays a placeholder there, never the identity. */
export function IssuedPreviewModal({ issued, onClose }: { issued: IssuedDocument | null; onClose(): void }) {
  const info = issued ? DOCUMENT_TYPE_INFO[issued.type] : null;
  return (
    <Modal
      open={issued !== null}
      title={issued && info ? `${info.label}${issued.docNo ? ` ${issued.docNo}` : ''}` : ''}
      width="min(1000px, 96vw)"
      style={{ top: 16 }}
      footer={null}
      onCancel={onClose}
      destroyOnHidden
    >
      {issued && info && (
        <div style={{ height: 'calc(100vh - 140px)', minHeight: 400, display: 'flex', flexDirection: 'column', gap: 8 }}>
          {issued.voided && <Alert type="error" showIcon title={`该文书已作废：${issued.voided.reason}（${issued.voided.by}，${dateTime(issued.voided.at)}）`} />}
          <div style={{ flex: 1, minHeight: 0 }}>
            <DocumentPreview
              doc={issued.document}
              highlight={false}
              printable={!issued.voided && !info.toReporter}
              printNote={issued.voided ? '已作废的文书不能打印' : info.toReporter ? '含检举控告人姓名，请下载 .docx 打印' : undefined}
            />
          </div>
        </div>
      )}
    </Modal>
  );
}

/** 文书: the documents issued from this case, and issuing a new one. */
export function CaseDocumentsCard({ detail, onChanged }: { detail: CaseDetail; onChanged(d: CaseDetail): void }) {
  const { message } = App.useApp();
  const can = useCan();
  const [editing, setEditing] = useState(false);
  const [previewing, setPreviewing] = useState<IssuedDocument | null>(null);
  const [voiding, setVoiding] = useState<IssuedDocument | null>(null);
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const documents = [...detail.documents].reverse();

  async function download(d: IssuedDocument) {
    try {
      await downloadDocument(detail.id, d.id);
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  async function voidDocument() {
    if (!voiding) return;
    if (reason.trim().length < 2) {
      message.error('请说明作废理由');
      return;
    }
    setSaving(true);
    try {
      onChanged(await api['documents.void']({ caseId: detail.id, documentId: voiding.id, expectedUpdatedAt: detail.updatedAt, reason: reason.trim() }));
      message.success(`已作废${typeLabel(voiding.type)}${voiding.docNo ? ` ${voiding.docNo}` : ''}`);
      setVoiding(null);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card
      size="small"
      title="文书"
      style={{ marginBottom: 12 }}
      data-testid="case-documents"
      extra={
        can('case.write') && (
          <Button size="small" type="primary" icon={<FileAddOutlined />} onClick={() => setEditing(true)}>
            出具文书
          </Button>
        )
      }
    >
      <Table<IssuedDocument>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={documents}
        locale={{ emptyText: '尚未出具文书' }}
        columns={[
          { title: '类型', dataIndex: 'type', width: 140, render: (t: DocumentType) => typeLabel(t) },
          { title: '文号', dataIndex: 'docNo', width: 170, render: (v: string) => (v ? <span data-testid="doc-no">{v}</span> : <Typography.Text type="secondary">不编号</Typography.Text>) },
          { title: '标题', dataIndex: 'title', ellipsis: true },
          { title: '出具', width: 200, render: (_v, d) => `${d.issuedBy} · ${dateTime(d.issuedAt)}` },
          {
            title: '状态',
            width: 200,
            render: (_v, d) =>
              d.voided ? (
                <Space orientation="vertical" size={0}>
                  <Tag color="red">已作废</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {d.voided.reason}（{d.voided.by}）
                  </Typography.Text>
                </Space>
              ) : (
                <Tag color="green">已出具</Tag>
              ),
          },
          {
            title: '',
            width: 270,
            render: (_v, d) => {
              const info = DOCUMENT_TYPE_INFO[d.type];
              const mayDownload = !info.toReporter || can('identity.reveal');
              return (
                <Space size={4}>
                  <Button size="small" icon={<EyeOutlined />} onClick={() => setPreviewing(d)}>
                    预览/打印
                  </Button>
                  <Tooltip title={mayDownload ? undefined : '载有检举控告人姓名，当前角色无权下载'}>
                    <Button size="small" icon={<DownloadOutlined />} disabled={!mayDownload} onClick={() => void download(d)}>
                      下载 .docx
                    </Button>
                  </Tooltip>
                  {can('case.write') && !d.voided && (
                    <Button
                      size="small"
                      danger
                      icon={<StopOutlined />}
                      onClick={() => {
                        setReason('');
                        setVoiding(d);
                      }}
                    >
                      作废
                    </Button>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
      <IssuedPreviewModal issued={previewing} onClose={() => setPreviewing(null)} />
      <Modal
        open={voiding !== null}
        title={voiding ? `作废${typeLabel(voiding.type)}${voiding.docNo ? ` ${voiding.docNo}` : ''}` : ''}
        okText="确认作废"
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2, loading: saving }}
        cancelText="取消"
        onOk={() => void voidDocument()}
        onCancel={() => setVoiding(null)}
        destroyOnHidden
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            作废后该文书不能再打印发出；{voiding?.docNo ? '其文号在登记簿中记为已作废，不再使用。' : ''}如需更正，请作废后重新出具。
          </Typography.Paragraph>
          <Input.TextArea aria-label="作废理由" placeholder="作废理由（必填），如：主送机关有误，重新出具" autoSize={{ minRows: 2 }} maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Space>
      </Modal>
      {editing && (
        <DocumentEditor
          detail={detail}
          onClose={() => setEditing(false)}
          onIssued={(next) => onChanged(next)}
        />
      )}
    </Card>
  );
}
