import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { DOCUMENT_TYPE_INFO, DOCUMENT_TYPES } from '../../../../shared/documents/model';
import { DEFAULT_STATISTICS_SETTINGS, LIST_KIND_LABELS, LIST_KINDS, StatisticsSettings } from '../../../../shared/domain/statistics';
import type { Settings } from '../../../../shared/domain/office';
import { api, errorMessage } from '../../api/client';
import { useCan } from '../auth/session';

/** 统计设置: the 统计口径 (the month's first day), the document sets (三函一书) and the lists (四清单) of the 通报. */
export function StatisticsSettingsPage({ settings, onSaved }: { settings: Settings; onSaved(s: Settings): void }) {
  const { message } = App.useApp();
  const editable = useCan()('settings.write');
  const [value, setValue] = useState<StatisticsSettings>(settings.statistics);
  useEffect(() => setValue(settings.statistics), [settings.statistics]);
  const set = (patch: Partial<StatisticsSettings>) => setValue({ ...value, ...patch });

  async function save() {
    const parsed = StatisticsSettings.safeParse(value);
    if (!parsed.success) {
      message.error(parsed.error.issues[0]?.message ?? '设置有误');
      return;
    }
    try {
      onSaved(await api['statistics.updateSettings'](parsed.data));
      message.success('统计设置已保存');
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert
        type="info"
        showIcon
        message="“三函一书”“四清单”没有公开的统一定义，下面是本软件的默认设置，请按本单位的规定修改。"
      />
      <Card title="统计口径" extra={editable && <Button type="primary" onClick={() => void save()}>保存设置</Button>}>
        <Space>
          <span>每个统计月从上月</span>
          <InputNumber aria-label="每月起始日" min={1} max={28} value={value.monthStartDay} disabled={!editable} onChange={(v) => set({ monthStartDay: v ?? 1 })} />
          <span>日起，至本月前一日止（填 1 即自然月；如填 21，则 5 月为 4 月 21 日至 5 月 20 日）</span>
        </Space>
        <div style={{ marginTop: 12 }}>
          <Typography.Text>通报主送：</Typography.Text>
          <Input aria-label="通报主送" value={value.bulletinAddressee} disabled={!editable} onChange={(e) => set({ bulletinAddressee: e.target.value })} style={{ maxWidth: 640 }} />
        </div>
      </Card>
      <Card title="文书组（如三函一书）：通报中按组统计出具份数">
        <Space direction="vertical" style={{ width: '100%' }}>
          {value.documentSets.map((s, i) => (
            <Space key={i} wrap>
              <Input aria-label="文书组名称" style={{ width: 160 }} value={s.name} disabled={!editable} onChange={(e) => set({ documentSets: value.documentSets.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)) })} />
              <Select
                mode="multiple"
                style={{ minWidth: 420 }}
                disabled={!editable}
                value={s.types}
                options={DOCUMENT_TYPES.map((t) => ({ value: t, label: DOCUMENT_TYPE_INFO[t].label }))}
                onChange={(types) => set({ documentSets: value.documentSets.map((x, j) => (j === i ? { ...x, types } : x)) })}
              />
              {editable && <Button icon={<DeleteOutlined />} onClick={() => set({ documentSets: value.documentSets.filter((_, j) => j !== i) })} />}
            </Space>
          ))}
          {editable && <Button icon={<PlusOutlined />} onClick={() => set({ documentSets: [...value.documentSets, { name: '新文书组', types: ['supervision'] }] })}>添加文书组</Button>}
        </Space>
      </Card>
      <Card title="清单（如四清单）：通报和统计中列出的件">
        <Space direction="vertical" style={{ width: '100%' }}>
          {value.lists.map((l, i) => (
            <Space key={i} wrap>
              <Input aria-label="清单名称" style={{ width: 160 }} value={l.name} disabled={!editable} onChange={(e) => set({ lists: value.lists.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)) })} />
              <Select
                style={{ width: 340 }}
                disabled={!editable}
                value={l.kind}
                options={LIST_KINDS.map((k) => ({ value: k, label: LIST_KIND_LABELS[k] }))}
                onChange={(kind) => set({ lists: value.lists.map((x, j) => (j === i ? { ...x, kind } : x)) })}
              />
              {l.kind === 'backlog' && (
                <Space>
                  <span>超过</span>
                  <InputNumber min={1} max={3650} value={l.days} disabled={!editable} onChange={(days) => set({ lists: value.lists.map((x, j) => (j === i ? { ...x, days: days ?? 90 } : x)) })} />
                  <span>日</span>
                </Space>
              )}
              {editable && <Button icon={<DeleteOutlined />} onClick={() => set({ lists: value.lists.filter((_, j) => j !== i) })} />}
            </Space>
          ))}
          {editable && (
            <Space>
              <Button icon={<PlusOutlined />} onClick={() => set({ lists: [...value.lists, { name: '新清单', kind: 'overdue', days: 90 }] })}>添加清单</Button>
              <Button onClick={() => setValue({ ...DEFAULT_STATISTICS_SETTINGS, monthStartDay: value.monthStartDay })}>恢复默认的文书组和清单</Button>
            </Space>
          )}
        </Space>
      </Card>
    </Space>
  );
}
