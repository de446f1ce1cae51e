import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, DownloadOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Divider, Empty, Form, Input, InputNumber, Modal, Result, Select, Space, Spin, Switch, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { CaseDetail } from '../../../../shared/domain/case';
import { blanksOf, DOCUMENT_TYPE_INFO, DOCUMENT_TYPES, DocumentDraft, type DocumentType, type Envelope, type FormRow, type OfficialDocument, type Paragraph } from '../../../../shared/documents/model';
import type { Citation } from '../../../../shared/documents/settings';
import { NOT_SENT, TEMPLATE_FIELDS } from '../../../../shared/documents/templates';
import { api, errorMessage } from '../../api/client';
import { navigate } from '../../navigation';
import { useCan } from '../auth/session';
import { downloadDocument, typeLabel, useDebounced } from './common';
import { DocumentPreview } from './DocumentPreview';

interface Meta {
  issuerMark: string;
  docNo: string;
  missing: string[];
  unconfirmed: Citation[];
}

const LEVELS: { value: Paragraph['level']; label: string }[] = [
  { value: 0, label: '正文' },
  { value: 1, label: '一、' },
  { value: 2, label: '（一）' },
  { value: 3, label: '1.' },
  { value: 4, label: '（1）' },
];

const NOT_SENT_TEXTS = new Set<string>(Object.values(NOT_SENT));
const hasBlank = (text: string) => text.includes('【请填写');
const warnIf = (text: string) => (hasBlank(text) ? ('warning' as const) : undefined);
const multiLine = (label: string) => /每行|分行/.test(label);

/** A list edited one item a line (署名, 附件, 抄送); blank lines are dropped from the list but kept while typing. */
function LinesInput({ id, value, onChange, placeholder }: { id: string; value: string[]; onChange(v: string[]): void; placeholder?: string }) {
  const joined = value.join('\n');
  const [text, setText] = useState(joined);
  const normalize = (t: string) =>
    t
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  useEffect(() => {
    if (normalize(text).join('\n') !== joined) setText(joined);
    // Only an outside change (a new draft) replaces what is being typed.
  }, [joined]);
  return (
    <Input.TextArea
      id={id}
      autoSize={{ minRows: 1, maxRows: 6 }}
      value={text}
      placeholder={placeholder}
      status={warnIf(text)}
      onChange={(e) => {
        setText(e.target.value);
        onChange(normalize(e.target.value));
      }}
    />
  );
}

/** The draft's problems in words: gaps, and what the schema refuses (too long, empty title …). */
function problemsOf(draft: DocumentDraft): string[] {
  const parsed = DocumentDraft.safeParse(draft);
  return parsed.success ? [] : [...new Set(parsed.error.issues.map((i) => i.message))];
}

interface EditorProps {
  detail: CaseDetail;
  initialType?: DocumentType;
  onClose(): void;
  onIssued(detail: CaseDetail): void;
}

/**
 * 出具文书: the type, the facts the case lacks, the draft's text side by side with its pages; then 出具 takes the 文号
 * and keeps the .docx with the case.
 */
export function DocumentEditor({ detail, initialType, onClose, onIssued }: EditorProps) {
  const { message, modal } = App.useApp();
  const can = useCan();
  const [type, setType] = useState<DocumentType | undefined>(initialType);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [meta, setMeta] = useState<Meta | null>(null);
  const [draft, setDraft] = useState<DocumentDraft | null>(null);
  const [ids, setIds] = useState<number[]>([]);
  const [dirty, setDirty] = useState(false);
  const [loading, setLoading] = useState(false);
  const [issuing, setIssuing] = useState(false);
  const [issued, setIssued] = useState<{ documentId: string; docNo: string; document: OfficialDocument } | null>(null);
  const nextId = useRef(0);
  const drafted = useRef<{ envelope: Envelope | null }>({ envelope: null });
  const newIds = (n: number) => Array.from({ length: n }, () => nextId.current++);

  async function redraft(t: DocumentType, f: Record<string, string>) {
    setLoading(true);
    try {
      const r = await api['documents.draft']({ caseId: detail.id, type: t, fields: Object.fromEntries(Object.entries(f).filter(([, v]) => v.trim())) });
      setDraft(r.draft);
      setIds(newIds(r.draft.body.length));
      setMeta({ issuerMark: r.issuerMark, docNo: r.docNo, missing: r.missing, unconfirmed: r.unconfirmed });
      drafted.current.envelope = r.draft.envelope;
      setDirty(false);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    if (initialType) void redraft(initialType, {});
    // Drafted once when the editor opens with a type chosen by the caller.
  }, []);

  /** Asks before throwing away edits the user made to the text. */
  function discarding(what: string, go: () => void) {
    if (!dirty || issued) return go();
    modal.confirm({
      title: `${what}？`,
      content: '对当前草稿所作的修改尚未出具，将不会保存。',
      okText: '确定',
      cancelText: '返回修改',
      onOk: go,
    });
  }

  const doc = useMemo<OfficialDocument | null>(() => (draft && meta ? { ...draft, issuerMark: meta.issuerMark, docNo: meta.docNo } : null), [draft, meta]);
  const previewed = useDebounced(doc, 150);
  const blanks = useMemo(() => (draft ? blanksOf(draft) : []), [draft]);
  const problems = useMemo(() => (draft ? problemsOf(draft) : []), [draft]);
  const notSent = meta?.missing.filter((m) => NOT_SENT_TEXTS.has(m)) ?? [];
  const missing = meta?.missing.filter((m) => !NOT_SENT_TEXTS.has(m)) ?? [];
  const info = type ? DOCUMENT_TYPE_INFO[type] : null;
  const canIssue = Boolean(draft && info && can('case.write') && blanks.length === 0 && problems.length === 0 && notSent.length === 0 && !issued);

  const patch = (p: Partial<DocumentDraft>) => {
    setDraft((d) => (d ? { ...d, ...p } : d));
    setDirty(true);
  };
  const setBody = (body: Paragraph[], nextIds: number[]) => {
    patch({ body });
    setIds(nextIds);
  };
  const move = <T,>(list: T[], from: number, to: number) => {
    const copy = [...list];
    const [item] = copy.splice(from, 1);
    copy.splice(to, 0, item!);
    return copy;
  };

  function confirmIssue() {
    if (!draft || !info || !meta) return;
    const numbered = info.numbered;
    modal.confirm({
      title: `出具${info.label}`,
      width: 520,
      okText: '确认出具',
      cancelText: '取消',
      content: (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {numbered ? (
            <Typography.Paragraph style={{ marginBottom: 0 }}>
              出具后将从文号登记簿取得下一个文号（{meta.docNo.replace('　', '×')}）。文号一经取得即不能再用于其他文书；出具后如需更正，只能作废后重新出具，作废的文号也不再使用。
            </Typography.Paragraph>
          ) : (
            <Typography.Paragraph style={{ marginBottom: 0 }}>{info.label}不编文号，出具后随件存档。</Typography.Paragraph>
          )}
          {info.toReporter && (
            <Alert
              type="info"
              showIcon
              title={`检举控告人的姓名${draft.envelope ? '和地址' : ''}将在出具时由系统从保密登记信息中填入（预览中显示为占位符），不经过本窗口。`}
            />
          )}
          {meta.unconfirmed.length > 0 && <Alert type="warning" showIcon title={`所引条款尚未经本单位核对：${meta.unconfirmed.map((c) => c.text).join('；')}`} />}
        </Space>
      ),
      onOk: async () => {
        setIssuing(true);
        try {
          const r = await api['documents.issue']({ caseId: detail.id, expectedUpdatedAt: detail.updatedAt, draft });
          const document = r.detail.documents.find((d) => d.id === r.documentId)?.document ?? { ...draft, issuerMark: meta.issuerMark, docNo: r.docNo };
          setIssued({ documentId: r.documentId, docNo: r.docNo, document });
          onIssued(r.detail);
          message.success(r.docNo ? `已出具${info.label}，文号 ${r.docNo}` : `已出具${info.label}`);
        } catch (err) {
          message.error(errorMessage(err));
          throw err;
        } finally {
          setIssuing(false);
        }
      },
    });
  }

  async function download() {
    if (!issued) return;
    try {
      await downloadDocument(detail.id, issued.documentId);
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  const toSettings = () =>
    discarding('离开并前往文书设置', () => {
      onClose();
      navigate({ area: 'documents', tab: 'settings' });
    });

  let left: ReactNode;
  if (issued && info) {
    left = (
      <Result
        status="success"
        title={`已出具${info.label}`}
        subTitle={
          issued.docNo ? (
            <span>
              文号 <Typography.Text strong data-testid="issued-doc-no">{issued.docNo}</Typography.Text>，已随件存档并记入办理记录。
            </span>
          ) : (
            '已随件存档并记入办理记录。'
          )
        }
        extra={[
          <Button key="download" type="primary" icon={<DownloadOutlined />} onClick={() => void download()} disabled={info.toReporter && !can('identity.reveal')}>
            下载 .docx
          </Button>,
          <Button key="close" onClick={onClose}>
            关闭
          </Button>,
        ]}
      >
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {info.toReporter
            ? `${info.label}载有检举控告人姓名，请下载 .docx 后打印；右侧预览以占位符代替姓名，不能直接打印。`
            : '可下载 .docx 用 WPS 或 Word 打开，也可直接点击右侧“打印”，按 A4 纸、无页边距打印。'}
        </Typography.Paragraph>
      </Result>
    );
  } else if (!type) {
    left = <Empty description="请先选择要出具的文书类型" style={{ marginTop: 48 }} />;
  } else if (!draft || !meta) {
    left = <Spin style={{ display: 'block', marginTop: 48 }} />;
  } else {
    const specs = TEMPLATE_FIELDS[type];
    const isForm = info?.format === 'form';
    left = (
      <Spin spinning={loading}>
        <Space orientation="vertical" style={{ width: '100%' }} size={8}>
          {notSent.length > 0 && <Alert type="error" showIcon title="此件不出具该文书" description={notSent.join('；')} data-testid="not-sent" />}
          {missing.length > 0 && (
            <Alert
              type="warning"
              showIcon
              data-testid="missing"
              title="起草时尚缺以下内容"
              description={
                <>
                  <ul style={{ margin: 0, paddingLeft: 20 }}>
                    {missing.map((m) => (
                      <li key={m}>{m}</li>
                    ))}
                  </ul>
                  请在下方“起草信息”中填写后点“按起草信息重新起草”，或直接修改文中标黄的【请填写】处。
                </>
              }
            />
          )}
          {meta.unconfirmed.length > 0 && (
            <Alert
              type="warning"
              showIcon
              data-testid="unconfirmed"
              title="引用条款未经本单位核对"
              description={
                <>
                  {meta.unconfirmed.map((c) => (
                    <div key={c.key} style={{ marginBottom: 4 }}>
                      <Typography.Text strong>{c.purpose}：</Typography.Text>
                      {c.text}
                      {c.note && <Typography.Text type="secondary">（{c.note}）</Typography.Text>}
                    </div>
                  ))}
                  <Typography.Link onClick={toSettings}>到“文书 → 文书设置”对照现行文本核对后确认</Typography.Link>
                </>
              }
            />
          )}
          {blanks.length > 0 && (
            <Alert type="warning" showIcon data-testid="blanks" title={`文中还有 ${blanks.length} 处待填写，填写后才能出具`} description={blanks.join('、')} />
          )}
          {problems.length > 0 && <Alert type="error" showIcon title="草稿不符合要求" description={problems.join('；')} />}

          {specs.length > 0 && (
            <>
              <Divider titlePlacement="start" plain style={{ margin: '4px 0' }}>
                起草信息
              </Divider>
              <Form layout="vertical" component="div" size="small">
                {specs.map((s) => {
                  const lacking = missing.includes(s.label);
                  const id = `field-${s.key}`;
                  return (
                    <Form.Item key={s.key} label={s.label} htmlFor={id} required={s.required} validateStatus={lacking ? 'warning' : undefined} help={lacking ? '起草时缺此项' : undefined} style={{ marginBottom: 8 }}>
                      {multiLine(s.label) ? (
                        <Input.TextArea id={id} autoSize={{ minRows: 2, maxRows: 8 }} value={fields[s.key] ?? ''} placeholder="留空则按信访件的登记内容起草" onChange={(e) => setFields({ ...fields, [s.key]: e.target.value })} />
                      ) : (
                        <Input id={id} value={fields[s.key] ?? ''} placeholder="留空则按信访件的登记内容起草" onChange={(e) => setFields({ ...fields, [s.key]: e.target.value })} />
                      )}
                    </Form.Item>
                  );
                })}
                <Button icon={<ReloadOutlined />} onClick={() => discarding('按起草信息重新起草', () => void redraft(type, fields))}>
                  按起草信息重新起草
                </Button>
              </Form>
            </>
          )}

          <Divider titlePlacement="start" plain style={{ margin: '4px 0' }}>
            文书内容
          </Divider>
          <Form layout="vertical" component="div" size="small">
            <Form.Item label="标题" htmlFor="doc-title" style={{ marginBottom: 8 }} validateStatus={warnIf(draft.title)}>
              <Input.TextArea id="doc-title" autoSize={{ minRows: 1, maxRows: 3 }} value={draft.title} maxLength={100} onChange={(e) => patch({ title: e.target.value })} />
            </Form.Item>
            {!isForm && (
              <Form.Item label="主送" htmlFor="doc-addressee" style={{ marginBottom: 8 }} validateStatus={warnIf(draft.addressee)} help={draft.addressee.includes('【检举控告人') ? '检举控告人姓名出具时自动填入' : undefined}>
                <Input id="doc-addressee" value={draft.addressee} maxLength={100} placeholder="协议书等无主送" onChange={(e) => patch({ addressee: e.target.value })} />
              </Form.Item>
            )}
            {!isForm && (
              <Form.Item label={`正文（${draft.body.length} 段）`} style={{ marginBottom: 8 }}>
                <Space orientation="vertical" style={{ width: '100%' }} size={6} data-testid="paragraphs">
                  {draft.body.map((p, i) => (
                    <div key={ids[i]} style={{ display: 'flex', gap: 6, alignItems: 'flex-start' }}>
                      <Select<Paragraph['level']>
                        size="small"
                        aria-label={`第 ${i + 1} 段层级`}
                        value={p.level}
                        options={LEVELS}
                        style={{ width: 78, flex: 'none' }}
                        onChange={(level) => setBody(draft.body.map((q, j) => (j === i ? { ...q, level } : q)), ids)}
                      />
                      <Input.TextArea
                        aria-label={`第 ${i + 1} 段`}
                        autoSize={{ minRows: 1, maxRows: 12 }}
                        value={p.text}
                        status={warnIf(p.text)}
                        onChange={(e) => setBody(draft.body.map((q, j) => (j === i ? { ...q, text: e.target.value } : q)), ids)}
                      />
                      <Space.Compact size="small" style={{ flex: 'none' }}>
                        <Button title="上移" aria-label="上移" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => setBody(move(draft.body, i, i - 1), move(ids, i, i - 1))} />
                        <Button title="下移" aria-label="下移" icon={<ArrowDownOutlined />} disabled={i === draft.body.length - 1} onClick={() => setBody(move(draft.body, i, i + 1), move(ids, i, i + 1))} />
                        <Button
                          title="在下方插入一段"
                          aria-label="在下方插入一段"
                          icon={<PlusOutlined />}
                          onClick={() => setBody([...draft.body.slice(0, i + 1), { text: '', level: 0 }, ...draft.body.slice(i + 1)], [...ids.slice(0, i + 1), ...newIds(1), ...ids.slice(i + 1)])}
                        />
                        <Button title="删除本段" aria-label="删除本段" danger icon={<DeleteOutlined />} onClick={() => setBody(draft.body.filter((_q, j) => j !== i), ids.filter((_q, j) => j !== i))} />
                      </Space.Compact>
                    </div>
                  ))}
                  <Button size="small" icon={<PlusOutlined />} onClick={() => setBody([...draft.body, { text: '', level: 0 }], [...ids, ...newIds(1)])}>
                    添加段落
                  </Button>
                </Space>
              </Form.Item>
            )}
            {isForm && <FormRowsEditor rows={draft.form} onChange={(form) => patch({ form })} />}
            {!isForm && (
              <>
                <Form.Item label="附件（每行一件，不加标点）" htmlFor="doc-attachments" style={{ marginBottom: 8 }}>
                  <LinesInput id="doc-attachments" value={draft.attachments} onChange={(attachments) => patch({ attachments })} placeholder="无附件可不填" />
                </Form.Item>
                <Form.Item label="署名（每行一个机关）" htmlFor="doc-signatures" style={{ marginBottom: 8 }}>
                  <LinesInput id="doc-signatures" value={draft.signatures} onChange={(signatures) => patch({ signatures })} placeholder="协议书由双方签章，可不填" />
                </Form.Item>
              </>
            )}
            <Space wrap size={16}>
              <Form.Item label="成文日期" htmlFor="doc-date" style={{ marginBottom: 8 }}>
                <DatePicker id="doc-date" allowClear={false} value={dayjs(draft.date)} onChange={(d) => d && patch({ date: d.format('YYYY-MM-DD') })} />
              </Form.Item>
              {draft.replyBy !== undefined && (
                <Form.Item label="回复期限" htmlFor="doc-reply-by" style={{ marginBottom: 8 }} help="改期限后请同步修改正文中的日期">
                  <DatePicker id="doc-reply-by" allowClear={false} value={dayjs(draft.replyBy)} onChange={(d) => d && patch({ replyBy: d.format('YYYY-MM-DD') })} />
                </Form.Item>
              )}
            </Space>
            {!isForm && (
              <>
                <Form.Item label="附注" htmlFor="doc-note" style={{ marginBottom: 8 }}>
                  <Input id="doc-note" value={draft.note} maxLength={200} placeholder="如：（联系人：…，联系电话：…）" onChange={(e) => patch({ note: e.target.value })} />
                </Form.Item>
                <Form.Item label="抄送（每行一个机关）" htmlFor="doc-copy-to" style={{ marginBottom: 8 }}>
                  <LinesInput id="doc-copy-to" value={draft.copyTo} onChange={(copyTo) => patch({ copyTo })} placeholder="无抄送可不填" />
                </Form.Item>
                <Form.Item label="印发机关（版记）" htmlFor="doc-printed-by" style={{ marginBottom: 8 }}>
                  <Input id="doc-printed-by" value={draft.printedBy} maxLength={40} placeholder="函件一般不写印发机关" onChange={(e) => patch({ printedBy: e.target.value })} />
                </Form.Item>
              </>
            )}
            {(draft.envelope || drafted.current.envelope) && (
              <EnvelopeEditor envelope={draft.envelope} original={drafted.current.envelope!} onChange={(envelope) => patch({ envelope })} />
            )}
          </Form>
        </Space>
      </Spin>
    );
  }

  const title = (
    <Space>
      <span>出具文书</span>
      <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
        {detail.caseNo}
      </Typography.Text>
      <Select<DocumentType>
        aria-label="文书类型"
        placeholder="选择文书类型"
        value={type}
        disabled={Boolean(issued) || loading}
        style={{ width: 220 }}
        options={DOCUMENT_TYPES.map((t) => ({ value: t, label: typeLabel(t) }))}
        onChange={(t) =>
          discarding('改换文书类型', () => {
            setType(t);
            setFields({});
            setDraft(null);
            setMeta(null);
            void redraft(t, {});
          })
        }
      />
      {meta?.docNo && !issued && <Tag>文号：{meta.docNo.replace('　', '×')}（出具时取号）</Tag>}
    </Space>
  );

  return (
    <Modal
      open
      title={title}
      width="96vw"
      style={{ top: 12, maxWidth: 1680 }}
      maskClosable={false}
      keyboard={false}
      onCancel={() => discarding('关闭出具文书窗口', onClose)}
      footer={
        issued ? (
          <Button onClick={onClose}>关闭</Button>
        ) : (
          <Space>
            {!can('case.write') && <Typography.Text type="secondary">当前角色不能出具文书</Typography.Text>}
            <Button onClick={() => discarding('关闭出具文书窗口', onClose)}>取消</Button>
            <Button type="primary" disabled={!canIssue} loading={issuing} onClick={confirmIssue}>
              出具
            </Button>
          </Space>
        )
      }
    >
      <div style={{ display: 'flex', gap: 16, height: 'calc(100vh - 190px)', minHeight: 420 }} data-testid="document-editor">
        <div style={{ flex: '0 0 44%', overflow: 'auto', paddingRight: 8 }}>{left}</div>
        <div style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
          {issued ? (
            <DocumentPreview
              doc={issued.document}
              highlight={false}
              printable={!info?.toReporter}
              printNote={info?.toReporter ? '含检举控告人姓名，请下载 .docx 打印' : undefined}
            />
          ) : previewed ? (
            <DocumentPreview doc={previewed} />
          ) : (
            <div className="doc-preview-area" />
          )}
        </div>
      </div>
    </Modal>
  );
}

function EnvelopeEditor({ envelope, original, onChange }: { envelope: Envelope | null; original: Envelope; onChange(e: Envelope | null): void }) {
  const e = envelope;
  return (
    <>
      <Divider titlePlacement="start" plain style={{ margin: '4px 0' }}>
        信封
      </Divider>
      <Space style={{ marginBottom: 8 }}>
        <Switch checked={e !== null} onChange={(on) => onChange(on ? original : null)} aria-label="附信封" />
        <span>附信封（DL 220 × 110 mm，单独一页打印）</span>
      </Space>
      {e && (
        <>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
            收件人姓名和地址出具时由系统从保密登记信息中填入。寄件地址不得出现纪委监委字样。
          </Typography.Paragraph>
          <Space wrap size={16}>
            <Form.Item label="邮政编码" htmlFor="env-postcode" style={{ marginBottom: 8 }}>
              <Input id="env-postcode" value={e.postcode} maxLength={6} style={{ width: 120 }} onChange={(v) => onChange({ ...e, postcode: v.target.value.trim() })} />
            </Form.Item>
            <Form.Item label="收件人" style={{ marginBottom: 8 }}>
              <Input value={e.to} disabled style={{ width: 200 }} />
            </Form.Item>
          </Space>
          <Form.Item label="寄件地址" htmlFor="env-return" style={{ marginBottom: 8 }} validateStatus={warnIf(e.returnAddress) ?? (/纪委|监委|纪律检查|监察/.test(e.returnAddress) ? 'error' : undefined)}>
            <Input id="env-return" value={e.returnAddress} maxLength={60} onChange={(v) => onChange({ ...e, returnAddress: v.target.value })} />
          </Form.Item>
        </>
      )}
    </>
  );
}

/** 阅办卡: the rows of the slip (label, text, lines kept free for handwriting). */
function FormRowsEditor({ rows, onChange }: { rows: FormRow[]; onChange(rows: FormRow[]): void }) {
  const set = (i: number, p: Partial<FormRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...p } : r)));
  return (
    <Form.Item label="栏目" style={{ marginBottom: 8 }}>
      <Space orientation="vertical" style={{ width: '100%' }} size={6}>
        {rows.map((r, i) => (
          <div key={i} style={{ display: 'flex', gap: 6, alignItems: 'flex-start' }}>
            <Input aria-label={`第 ${i + 1} 栏名称`} value={r.label} maxLength={12} style={{ width: 110, flex: 'none' }} onChange={(e) => set(i, { label: e.target.value })} />
            <Input.TextArea aria-label={`第 ${i + 1} 栏内容`} autoSize={{ minRows: 1, maxRows: 8 }} value={r.value} status={warnIf(r.value)} onChange={(e) => set(i, { value: e.target.value })} />
            <InputNumber aria-label={`第 ${i + 1} 栏预留行数`} title="预留行数" min={1} max={12} value={r.minLines} style={{ width: 64, flex: 'none' }} onChange={(v) => set(i, { minLines: v ?? 1 })} />
            <Button size="small" title="删除本栏" aria-label="删除本栏" danger icon={<DeleteOutlined />} onClick={() => onChange(rows.filter((_r, j) => j !== i))} />
          </div>
        ))}
        <Button size="small" icon={<PlusOutlined />} onClick={() => onChange([...rows, { label: '', value: '', minLines: 1 }])}>
          添加栏目
        </Button>
      </Space>
    </Form.Item>
  );
}
