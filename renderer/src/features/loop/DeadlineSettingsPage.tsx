import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, InputNumber, Input, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { DEADLINE_UNITS, EVENT_LABELS, type DeadlineRule, type DeadlineSettings } from '../../../../shared/domain/deadlines';
import type { CalendarYear } from '../../../../shared/domain/calendar';
import { api, errorMessage } from '../../api/client';
import { useCan } from '../auth/session';
import { options } from '../cases/labels';

/** 期限与节假日: the office's deadline rules (with their citations) and the loaded holiday years. */
export function DeadlineSettingsPage() {
  const { message } = App.useApp();
  const can = useCan();
  const editable = can('settings.write');
  const [settings, setSettings] = useState<DeadlineSettings | null>(null);
  const [years, setYears] = useState<CalendarYear[]>([]);
  const load = () =>
    api['settings.get']({}).then((s) => {
      setSettings(s.deadlines);
      setYears(s.calendarYears);
    }, (e: unknown) => message.error(errorMessage(e)));
  useEffect(() => {
    void load();
  }, []);
  if (!settings) return null;
  const setRule = (i: number, patch: Partial<DeadlineRule>) => setSettings({ ...settings, rules: settings.rules.map((r, j) => (j === i ? { ...r, ...patch } : r)) });

  async function save() {
    if (!settings) return;
    try {
      const r = await api['deadlines.updateSettings'](settings);
      message.success(`期限规则已保存，重新计算 ${r.recomputed} 件（${r.tookMs} ms）`);
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  async function importCalendar(file: File) {
    try {
      const r = await api['calendar.import']({ text: await file.text() });
      message.success(`已载入 ${r.years.join('、')} 年节假日安排，重新计算 ${r.recomputed} 件的期限`);
      void load();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        title="办理期限规则"
        extra={editable && <Button type="primary" onClick={() => void save()}>保存并重新计算</Button>}
      >
        <Space style={{ marginBottom: 12 }}>
          <span>届满前</span>
          <InputNumber min={0} max={30} value={settings.warningDays} disabled={!editable} onChange={(v) => setSettings({ ...settings, warningDays: v ?? 3 })} />
          <span>个工作日起显示黄色预警（催办提醒）</span>
        </Space>
        <Table<DeadlineRule>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={settings.rules}
          columns={[
            { title: '期限', dataIndex: 'label', width: 150 },
            { title: '起算', dataIndex: 'startsFrom', width: 90, render: (v: DeadlineRule['startsFrom']) => EVENT_LABELS[v] },
            { title: '天数', width: 90, render: (_v, r, i) => <InputNumber min={1} max={3660} value={r.days} disabled={!editable} onChange={(v) => setRule(i, { days: v ?? r.days })} /> },
            { title: '单位', width: 100, render: (_v, r, i) => <Select value={r.unit} disabled={!editable} options={options(DEADLINE_UNITS)} onChange={(unit) => setRule(i, { unit })} style={{ width: 80 }} /> },
            { title: '依据（可编辑）', render: (_v, r, i) => <Input.TextArea autoSize value={r.citation} disabled={!editable} onChange={(e) => setRule(i, { citation: e.target.value })} /> },
          ]}
        />
      </Card>
      <Card
        title="法定节假日与调休"
        extra={
          editable && (
            <Upload accept=".json" showUploadList={false} beforeUpload={(f) => { void importCalendar(f); return false; }}>
              <Button icon={<UploadOutlined />}>导入年度安排（JSON）</Button>
            </Upload>
          )
        }
      >
        <Typography.Paragraph type="secondary">
          期限按国务院办公厅每年公布的节假日安排计算。未载入年份的期限不作估算，而以黄色提示“无法计算”。每年 11 月通知发布后请导入次年安排。
        </Typography.Paragraph>
        <Table<CalendarYear>
          size="small"
          rowKey="year"
          pagination={false}
          dataSource={years}
          columns={[
            { title: '年份', dataIndex: 'year', width: 70 },
            { title: '放假', render: (_v, y) => <Space wrap>{y.holidays.map((h) => <Tag key={h.from}>{h.name} {h.from.slice(5)}–{h.to.slice(5)}</Tag>)}</Space> },
            { title: '调休上班', width: 220, render: (_v, y) => y.makeUpDays.map((d) => d.slice(5)).join('、') },
            { title: '来源', width: 260, render: (_v, y) => `${y.source.issuedBy}《${y.source.title}》${y.source.docNo ?? ''}${y.source.note ? `（${y.source.note}）` : ''}` },
          ]}
        />
      </Card>
    </Space>
  );
}
