import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Space, Table, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useRef, useState, type KeyboardEvent } from 'react';
import { checkHouseholdRows, describeRowIssues, HOUSEHOLD_BATCH_MAX, type RowIssue } from '../../../../shared/domain/visits';
import { api, errorMessage } from '../../api/client';

/**
 * 入户走访 batch entry: a grid of plain inputs, one row per visit. Tab moves across, Enter moves down (and adds a
 * row at the bottom); a new row repeats the date, place and visitors of the row above. Every row is checked with
 * the same rules as the backend before saving, and each problem is shown on its cell and listed by row.
 */
const COLUMNS = [
  { key: 'date', label: '走访日期', width: 112, placeholder: 'YYYY-MM-DD' },
  { key: 'place', label: '走访地点', width: 140, placeholder: '乡镇、村（社区）' },
  { key: 'visitors', label: '走访人员', width: 110 },
  { key: 'peopleMet', label: '走访对象', width: 130, placeholder: '如：村民代表 5 人' },
  { key: 'households', label: '户数', width: 56, numeric: true },
  { key: 'leads', label: '线索', width: 56, numeric: true },
  { key: 'leadsNote', label: '线索情况', width: 140 },
  { key: 'problemsSolved', label: '解决问题', width: 76, numeric: true },
  { key: 'solvedNote', label: '解决情况', width: 140 },
] as const;
type Key = (typeof COLUMNS)[number]['key'];
type Draft = Record<Key, string> & { uid: number };

let uid = 0;
function blank(above?: Draft): Draft {
  uid += 1;
  return { uid, date: above?.date ?? dayjs().format('YYYY-MM-DD'), place: above?.place ?? '', visitors: above?.visitors ?? '', peopleMet: '', households: '', leads: '', leadsNote: '', problemsSolved: '', solvedNote: '' };
}
const isBlank = (d: Draft) => !d.peopleMet.trim() && !d.households.trim() && !d.leadsNote.trim() && !d.solvedNote.trim();

/** The typed text as the row the rules check: numbers as numbers (blank 线索/解决 count as 0), the rest trimmed. */
function toRow(d: Draft) {
  const num = (s: string, blankAs?: number) => (s.trim() === '' ? blankAs : /^\d+$/.test(s.trim()) ? Number(s.trim()) : Number.NaN);
  return { date: d.date.trim(), place: d.place, visitors: d.visitors, peopleMet: d.peopleMet, households: num(d.households), leads: num(d.leads, 0), leadsNote: d.leadsNote, problemsSolved: num(d.problemsSolved, 0), solvedNote: d.solvedNote };
}

export function HouseholdBatchEntry({ onSaved, onCancel }: { onSaved(): void; onCancel(): void }) {
  const { message } = App.useApp();
  const [drafts, setDrafts] = useState<Draft[]>(() => [blank()]);
  const [issues, setIssues] = useState<RowIssue[]>([]);
  const [saving, setSaving] = useState(false);
  const grid = useRef<HTMLDivElement>(null);

  const set = (i: number, key: Key, value: string) => setDrafts((ds) => ds.map((d, j) => (j === i ? { ...d, [key]: value } : d)));
  const focus = (row: number, key: Key) => setTimeout(() => grid.current?.querySelector<HTMLInputElement>(`[data-cell="${row}-${key}"]`)?.focus(), 0);

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>, i: number, key: Key) {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    if (i === drafts.length - 1) setDrafts((ds) => [...ds, blank(ds[ds.length - 1])]);
    focus(i + 1, key);
  }

  async function save() {
    // Rows left empty below the typed ones are not visits; the rows keep their numbers as shown.
    let last = drafts.length;
    while (last > 0 && isBlank(drafts[last - 1]!)) last -= 1;
    const rows = drafts.slice(0, last).map(toRow);
    if (!rows.length) {
      message.warning('请至少填写一行');
      return;
    }
    const checked = checkHouseholdRows(rows, dayjs().format('YYYY-MM-DD'));
    if (!checked.ok) {
      setIssues(checked.issues);
      return;
    }
    setIssues([]);
    setSaving(true);
    try {
      const { created } = await api['householdVisits.record']({ rows: checked.rows });
      message.success(`已保存入户走访 ${created} 条`);
      onSaved();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  const issueAt = (row: number, key: Key) => issues.filter((x) => x.row === row + 1 && x.field === key).map((x) => x.message).join('；');

  return (
    <Card
      size="small"
      title="批量录入入户走访"
      style={{ marginBottom: 12 }}
      extra={<Typography.Text type="secondary">Tab 右移，回车下移（末行回车新增一行）；新行沿用上一行的日期、地点和走访人员</Typography.Text>}
    >
      {issues.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 8 }} data-testid="batch-issues" message="以下各行有误，未保存" description={describeRowIssues(issues, 10)} />}
      <div ref={grid}>
        <Table<Draft>
          size="small"
          pagination={false}
          rowKey="uid"
          dataSource={drafts}
          scroll={{ x: 1040 }}
          data-testid="household-grid"
          columns={[
            { key: 'row', title: '行', width: 36, dataIndex: 'uid', render: (_v: number, _d: Draft, i: number) => <Typography.Text type="secondary">{i + 1}</Typography.Text> },
            ...COLUMNS.map((c) => ({
              key: c.key,
              title: c.label,
              width: c.width,
              render: (_v: unknown, d: Draft, i: number) => {
                const problem = issueAt(i, c.key);
                return (
                  <Tooltip title={problem} open={problem ? undefined : false}>
                    <Input
                      size="small"
                      value={d[c.key]}
                      status={problem ? 'error' : undefined}
                      placeholder={'placeholder' in c ? c.placeholder : undefined}
                      inputMode={'numeric' in c ? 'numeric' : undefined}
                      aria-label={`第${i + 1}行${c.label}`}
                      data-cell={`${i}-${c.key}`}
                      onChange={(e) => set(i, c.key, e.target.value)}
                      onKeyDown={(e) => onKeyDown(e, i, c.key)}
                    />
                  </Tooltip>
                );
              },
            })),
            {
              key: 'delete',
              title: '',
              width: 36,
              render: (_v, _d, i) => (
                <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={`删除第${i + 1}行`} disabled={drafts.length === 1} onClick={() => setDrafts((ds) => ds.filter((_x, j) => j !== i))} />
              ),
            },
          ]}
        />
      </div>
      <Space style={{ marginTop: 12 }}>
        <Button icon={<PlusOutlined />} disabled={drafts.length >= HOUSEHOLD_BATCH_MAX} onClick={() => setDrafts((ds) => [...ds, blank(ds[ds.length - 1])])}>
          添加一行
        </Button>
        <Button type="primary" loading={saving} onClick={() => void save()}>
          保存本批
        </Button>
        <Button onClick={onCancel}>取消</Button>
        <Typography.Text type="secondary">未填写走访对象和户数的末尾空行不保存</Typography.Text>
      </Space>
    </Card>
  );
}
