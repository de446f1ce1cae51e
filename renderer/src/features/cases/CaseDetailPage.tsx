import { EditOutlined, EyeOutlined, LockOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Input, Modal, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { useContext, useState, type ReactNode } from 'react';
import type { AttachmentMeta, CaseDetail, ReporterPerson } from '../../../../shared/domain/case';
import { api, errorMessage } from '../../api/client';
import { blobUrl, saveFile } from '../../host/files';
import { useAsync } from '../../useAsync';
import { SessionContext, useCan } from '../auth/session';
import { FeedbackCard } from '../aftercare/FeedbackCard';
import { ArchiveActions, ArchivedNotice } from '../archive/ArchiveActions';
import { CaseDocumentsCard } from '../documents/CaseDocumentsCard';
import { LoopPanel } from '../loop/LoopPanel';
import type { DifficultView } from '../../../../shared/domain/difficult';
import { DIFFICULT_COLORS, DifficultCard, FlagDifficultButton } from '../repeats/DifficultCard';
import { RepeatsCard } from './RepeatsCard';
import { SOURCE_COLORS, STATUS_COLORS } from './labels';

const ACTION_COLORS = { register: 'green', edit: 'blue', reveal: 'red', import: 'gray', step: 'blue', fulfil: 'green', letter: 'blue', repeat: 'orange', document: 'purple', feedback: 'green', returnVisit: 'green', fieldVisit: 'cyan', archive: 'gray', difficult: 'red' } as const;

/** Asks why the identity is needed, then shows it; the access is written to the case history. */
export function useRevealReporter(caseId: string) {
  const { modal, message } = App.useApp();
  return () =>
    new Promise<ReporterPerson[]>((resolve, reject) => {
      let reason = '';
      modal.confirm({
        title: '查看检举控告人身份信息',
        icon: <LockOutlined />,
        content: (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">检举控告人信息须严格保密。本次查看将连同事由记入该件的办理记录。</Typography.Text>
            <Input aria-label="查看事由" placeholder="查看事由，如：电话核实实名身份" onChange={(e) => (reason = e.target.value)} />
          </Space>
        ),
        okText: '确认查看',
        cancelText: '取消',
        onOk: async () => {
          try {
            resolve(await api['cases.revealReporter']({ id: caseId, reason }));
          } catch (err) {
            message.error(errorMessage(err));
            throw err;
          }
        },
        onCancel: () => reject(new Error('cancelled')),
      });
    });
}

function AttachmentList({ detail }: { detail: CaseDetail }) {
  const { message } = App.useApp();
  const [preview, setPreview] = useState<{ name: string; url: string; mime: string } | null>(null);
  async function read(a: AttachmentMeta) {
    return api['attachments.read']({ caseId: detail.id, attachmentId: a.id });
  }
  if (detail.attachments.length === 0) return <Typography.Text type="secondary">无附件</Typography.Text>;
  return (
    <>
      <Space direction="vertical">
        {detail.attachments.map((a) => (
          <Space key={a.id}>
            <PaperClipOutlined />
            <span>{a.name}</span>
            <Typography.Text type="secondary">{Math.ceil(a.size / 1024)} KB</Typography.Text>
            <Button size="small" onClick={() => read(a).then((f) => setPreview({ name: f.name, mime: f.mime, url: blobUrl(f.base64, f.mime) }), (e: unknown) => message.error(errorMessage(e)))}>
              预览
            </Button>
            <Button size="small" onClick={() => read(a).then((f) => saveFile(f.name, f.base64, f.mime), (e: unknown) => message.error(errorMessage(e)))}>
              下载（用系统程序打开）
            </Button>
          </Space>
        ))}
      </Space>
      <Modal
        open={preview !== null}
        title={preview?.name}
        width={900}
        footer={null}
        onCancel={() => {
          if (preview) URL.revokeObjectURL(preview.url);
          setPreview(null);
        }}
      >
        {preview &&
          (preview.mime.startsWith('image/') && preview.mime !== 'image/tiff' ? (
            <img src={preview.url} alt={preview.name} style={{ maxWidth: '100%' }} />
          ) : (
            <iframe src={preview.url} title={preview.name} style={{ width: '100%', height: 600, border: 0 }} />
          ))}
      </Modal>
    </>
  );
}

/** An archived case is read-only: its cards render as for a user who may not write cases (the backend refuses anyway). */
function ReadOnlyWhen({ archived, children }: { archived: boolean; children: ReactNode }) {
  const session = useContext(SessionContext);
  if (!archived || !session?.user) return children;
  const user = { ...session.user, permissions: session.user.permissions.filter((p) => p !== 'case.write') };
  return <SessionContext.Provider value={{ ...session, user }}>{children}</SessionContext.Provider>;
}

export function CaseDetailPage({ id, onEdit, onBack, backLabel = '返回台账' }: { id: string; onEdit?(detail: CaseDetail): void; onBack(): void; backLabel?: string }) {
  const detail = useAsync(() => api['cases.get']({ id }), [id]);
  const difficult = useAsync(() => api['difficult.get']({ id }), [id, detail.value?.updatedAt]);
  const [revealed, setRevealed] = useState<ReporterPerson[] | null>(null);
  const reveal = useRevealReporter(id);
  const can = useCan();
  if (detail.error) return <Alert type="error" message={detail.error} style={{ margin: 24 }} />;
  const d = detail.value;
  if (!d) return <Spin style={{ display: 'block', margin: 48 }} />;
  const persons = revealed ?? d.reporter.persons;
  // The record lives on the chain's first case: this page's history changes only when that is this case.
  const onDifficultChanged = (next: DifficultView) => {
    difficult.setValue(next);
    if (next.caseId === d.id) void detail.reload();
  };

  return (
    <div className="page">
      <ArchivedNotice detail={d} />
      <ReadOnlyWhen archived={d.archive !== null}>
      <Card
        title={
          <Space>
            <span data-testid="case-no">{d.caseNo}</span>
            <Tag color={STATUS_COLORS[d.status]}>{d.status}</Tag>
            {d.repeatOf && <Tag color="orange">重复件（首件 {d.repeatOf.caseNo}）</Tag>}
            {difficult.value?.status && <Tag color={DIFFICULT_COLORS[difficult.value.status]}>重点疑难件·{difficult.value.status}</Tag>}
          </Space>
        }
        extra={
          <Space>
            <Button onClick={onBack}>{backLabel}</Button>
            {can('case.write') && !d.archive && difficult.value && !difficult.value.record && <FlagDifficultButton id={d.id} onFlagged={onDifficultChanged} />}
            <ArchiveActions detail={d} onChanged={(next) => detail.setValue(next)} />
            {can('case.write') && !d.archive && onEdit && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => onEdit(d)}>
                编辑
              </Button>
            )}
          </Space>
        }
        style={{ marginBottom: 12 }}
      >
        <Descriptions
          bordered
          size="small"
          column={3}
          items={[
            { label: '收件日期', children: d.receivedDate },
            { label: '反映方式', children: d.channel },
            { label: '来源', children: <Tag color={SOURCE_COLORS[d.source]}>{d.source}</Tag> },
            ...(d.upperOffice || d.upperRefNo
              ? [
                  { label: '上级机关', children: d.upperOffice },
                  { label: '上级文号', children: d.upperRefNo, span: 2 },
                ]
              : []),
            { label: '信访类型', children: d.kind },
            { label: '问题类别', children: d.categories.join('、') || '—' },
            { label: '涉及领域', children: d.domains.join('、') || '—' },
            { label: '所属区域', children: d.region || '—', span: 3 },
            {
              label: '主要问题摘要',
              span: 3,
              children: <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{d.summary}</Typography.Paragraph>,
            },
          ]}
        />
      </Card>

      <LoopPanel detail={d} onChanged={(next) => detail.setValue(next)} />
      <FeedbackCard detail={d} onChanged={(next) => detail.setValue(next)} />
      <RepeatsCard detail={d} onChanged={(next) => detail.setValue(next)} />
      {difficult.value && <DifficultCard view={difficult.value} currentId={d.id} onChanged={onDifficultChanged} />}

      <Card
        size="small"
        title={<Space><LockOutlined />检举控告人（{d.reporter.realName ? '实名' : '匿名'}）</Space>}
        extra={
          !revealed &&
          can('identity.reveal') &&
          d.reporter.persons.length > 0 && (
            <Button size="small" icon={<EyeOutlined />} onClick={() => reveal().then(setRevealed, () => undefined).finally(() => void detail.reload())}>
              查看身份信息
            </Button>
          )
        }
        style={{ marginBottom: 12 }}
      >
        {persons.length === 0 ? (
          <Typography.Text type="secondary">匿名，未留身份信息</Typography.Text>
        ) : (
          <Table
            size="small"
            pagination={false}
            rowKey={(_p, i) => String(i)}
            dataSource={persons}
            data-testid="reporter-table"
            columns={[
              { title: '姓名', dataIndex: 'name' },
              { title: '身份证号码', dataIndex: 'idNumber' },
              { title: '联系电话', dataIndex: 'phone' },
              { title: '住址或单位', dataIndex: 'address' },
            ]}
          />
        )}
      </Card>

      <Card size="small" title="被反映人" style={{ marginBottom: 12 }}>
        <Table
          size="small"
          pagination={false}
          rowKey={(_a, i) => String(i)}
          dataSource={d.accused}
          locale={{ emptyText: '无' }}
          columns={[
            { title: '类别', dataIndex: 'type', width: 60, render: (t: string) => (t === 'unit' ? '单位' : '个人') },
            { title: '姓名或单位名称', dataIndex: 'name' },
            { title: '工作单位', dataIndex: 'unit' },
            { title: '职务', dataIndex: 'post' },
            { title: '职级', dataIndex: 'rank' },
            { title: '政治面貌', dataIndex: 'politicalStatus' },
          ]}
        />
      </Card>

      <Card size="small" title="附件" style={{ marginBottom: 12 }}>
        <AttachmentList detail={d} />
      </Card>

      <CaseDocumentsCard detail={d} onChanged={(next) => detail.setValue(next)} />

      {/* Drafts saved before the documents module: kept for reference, read-only; new 督办函 are issued above. */}
      {d.letters.length > 0 && (
        <Card size="small" title="早期督办函草稿（只读）" style={{ marginBottom: 12 }} data-testid="letters">
          {d.letters.map((l) => (
            <div key={l.id} style={{ marginBottom: 12 }}>
              <Typography.Text strong>{l.title}</Typography.Text>
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                {l.kind} · 主送 {l.addressee} · {new Date(l.createdAt).toLocaleDateString('zh-CN')} · {l.createdBy}
              </Typography.Text>
              {l.paragraphs.map((p, i) => (
                <Typography.Paragraph key={i} style={{ textIndent: '2em', marginBottom: 4 }}>{p}</Typography.Paragraph>
              ))}
            </div>
          ))}
        </Card>
      )}

      <Card size="small" title="办理记录">
        <Timeline
          data-testid="history"
          items={[...d.history].reverse().map((h) => ({
            color: ACTION_COLORS[h.action],
            children: (
              <div>
                <Typography.Text strong>{h.summary}</Typography.Text>
                <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                  {new Date(h.at).toLocaleString('zh-CN', { hour12: false })} · {h.actor}
                </Typography.Text>
                {h.changes.length > 0 && (
                  <Table
                    size="small"
                    pagination={false}
                    style={{ marginTop: 4 }}
                    rowKey="field"
                    dataSource={h.changes}
                    columns={[
                      { title: '项目', dataIndex: 'field', width: 120 },
                      { title: '修改前', dataIndex: 'before', ellipsis: true },
                      { title: '修改后', dataIndex: 'after', ellipsis: true },
                    ]}
                  />
                )}
              </div>
            ),
          }))}
        />
      </Card>
      </ReadOnlyWhen>
    </div>
  );
}
