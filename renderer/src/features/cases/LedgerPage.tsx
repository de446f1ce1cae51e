import { DownloadOutlined, PaperClipOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Empty, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { CASE_STATUSES, CATEGORIES, CHANNELS, KINDS, SOURCES } from '../../../../shared/domain/case';
import type { LedgerFilter, LedgerPage as Page, LedgerQuery, LedgerRow } from '../../../../shared/domain/ledger';
import { api, errorMessage, onEvent } from '../../api/client';
import { saveFile } from '../../host/files';
import { useCan } from '../auth/session';
import { ALERT_LABELS, ALERTS } from '../../../../shared/domain/deadlines';
import { STAGE_LABELS } from '../../../../shared/domain/loop';
import { AlertTag } from '../loop/alerts';
import { options, SOURCE_COLORS, STATUS_COLORS, statusOfStage } from './labels';

type Filters = Omit<LedgerFilter, 'search'> & { range?: [Dayjs, Dayjs] | null };
const NO_FILTERS: Filters = { sources: [], channels: [], kinds: [], categories: [], statuses: [], regions: [], alerts: [] };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

interface Props {
  onOpen(id: string): void;
  onRegister(): void;
}

/** 台账: every registered case, filtered, searched (also by pinyin initials), sorted and paged in the backend. */
export function LedgerPage({ onOpen, onRegister }: Props) {
  const { message } = App.useApp();
  const can = useCan();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [searchText, setSearchText] = useState('');
  const search = useDebounced(searchText.trim(), 200);
  const [sort, setSort] = useState<Pick<LedgerQuery, 'sortBy' | 'order'>>({ sortBy: 'receivedDate', order: 'desc' });
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const [data, setData] = useState<Page | null>(null);
  const [loading, setLoading] = useState(false);
  const [regions, setRegions] = useState<string[]>([]);
  const [version, setVersion] = useState(0);
  const [exporting, setExporting] = useState(false);
  const [loadingDemo, setLoadingDemo] = useState(false);

  const { range, ...chosen } = filters;
  const filter: LedgerFilter = { ...chosen, from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD'), search };
  const key = JSON.stringify({ filter, sort, paging, version });

  useEffect(() => onEvent('cases.changed', () => setVersion((v) => v + 1)), []);
  useEffect(() => {
    api['cases.regions']({}).then(setRegions, () => undefined);
  }, [version]);
  useEffect(() => {
    let current = true;
    setLoading(true);
    api['cases.ledger']({ ...filter, ...sort, ...paging })
      .then((page) => current && setData(page))
      .catch((err: unknown) => current && message.error(errorMessage(err)))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [key]);

  function setFilter<K extends keyof Filters>(k: K, v: Filters[K]) {
    setFilters((f) => ({ ...f, [k]: v }));
    setPaging((p) => ({ ...p, page: 1 }));
  }

  async function exportView() {
    setExporting(true);
    try {
      const file = await api['cases.exportLedger'](filter);
      saveFile(file.fileName, file.base64, XLSX);
      message.success(`已导出 ${file.count} 件`);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setExporting(false);
    }
  }

  async function loadDemo() {
    setLoadingDemo(true);
    try {
      const { created } = await api['demo.load']({ cases: 200 });
      message.success(`已载入 ${created} 件演示数据`);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setLoadingDemo(false);
    }
  }

  const filtered = search !== '' || JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
  const multi = (k: 'sources' | 'channels' | 'kinds' | 'categories' | 'statuses' | 'regions', label: string, values: readonly string[], width = 150) => (
    <Select
      mode="multiple"
      allowClear
      maxTagCount="responsive"
      placeholder={label}
      aria-label={label}
      style={{ width }}
      options={options(values)}
      value={filters[k]}
      onChange={(v) => setFilter(k, v as never)}
    />
  );

  return (
    <div className="page">
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Input.Search
            placeholder="搜索编号、被反映人（可用拼音首字母，如 zs）、单位、摘要"
            aria-label="搜索"
            allowClear
            style={{ width: 380 }}
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
          />
          <DatePicker.RangePicker aria-label="收件日期" value={filters.range ?? null} onChange={(r) => setFilter('range', r as [Dayjs, Dayjs] | null)} />
          {multi('sources', '来源', SOURCES)}
          {multi('channels', '反映方式', CHANNELS, 130)}
          {multi('kinds', '信访类型', KINDS)}
          {multi('categories', '问题类别', CATEGORIES, 170)}
          {multi('statuses', '状态', CASE_STATUSES, 120)}
          {multi('regions', '所属区域', regions)}
          <Select
            mode="multiple"
            allowClear
            placeholder="预警"
            aria-label="预警"
            style={{ width: 150 }}
            options={ALERTS.map((a) => ({ value: a, label: ALERT_LABELS[a] }))}
            value={filters.alerts}
            onChange={(v) => setFilter('alerts', v)}
          />
          <Button icon={<ReloadOutlined />} onClick={() => { setFilters(NO_FILTERS); setSearchText(''); }} disabled={!filtered}>
            清除条件
          </Button>
        </Space>
      </Card>
      <Card
        size="small"
        title={
          <Space>
            <span>信访举报件台账</span>
            {data && (
              <Typography.Text type="secondary" data-testid="ledger-total">
                共 {data.total} 件
              </Typography.Text>
            )}
          </Space>
        }
        extra={
          <Space>
            {can('export') && (
              <Button icon={<DownloadOutlined />} onClick={() => void exportView()} loading={exporting} disabled={!data?.total}>
                导出当前结果（Excel）
              </Button>
            )}
            {can('case.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={onRegister}>
                登记新件
              </Button>
            )}
          </Space>
        }
      >
        <Table<LedgerRow>
          rowKey="id"
          size="small"
          data-testid="ledger"
          // Rows are virtualised: a page of up to 500 cases renders only the rows on screen.
          virtual
          scroll={{ x: 1100, y: Math.max(320, window.innerHeight - 330) }}
          loading={loading}
          dataSource={data?.rows ?? []}
          locale={{
            emptyText: filtered ? (
              <Empty description="没有符合条件的信访件" />
            ) : (
              <Empty description="台账中还没有信访件">
                <Space>
                  {can('case.write') && <Button type="primary" onClick={onRegister}>登记第一件</Button>}
                  {can('settings.write') && <Button onClick={() => void loadDemo()} loading={loadingDemo}>载入演示数据（200 件）</Button>}
                </Space>
              </Empty>
            ),
          }}
          onRow={(row) => ({ onClick: () => onOpen(row.id), style: { cursor: 'pointer' } })}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [50, 100, 200, 500],
            showTotal: (total) => `共 ${total} 件`,
          }}
          onChange={(p, _f, sorter) => {
            const s = sorter as SorterResult<LedgerRow>;
            setPaging({ page: p.current ?? 1, pageSize: p.pageSize ?? 50 });
            if (s.order) setSort({ sortBy: s.field === 'caseNo' ? 'caseNo' : 'receivedDate', order: s.order === 'ascend' ? 'asc' : 'desc' });
            else setSort({ sortBy: 'receivedDate', order: 'desc' });
          }}
          columns={[
            { title: '编号', dataIndex: 'caseNo', width: 178, sorter: true, sortOrder: sort.sortBy === 'caseNo' ? (sort.order === 'asc' ? 'ascend' : 'descend') : null },
            { title: '收件日期', dataIndex: 'receivedDate', width: 100, sorter: true, sortOrder: sort.sortBy === 'receivedDate' ? (sort.order === 'asc' ? 'ascend' : 'descend') : null },
            { title: '来源', dataIndex: 'source', width: 90, render: (v: LedgerRow['source']) => <Tag color={SOURCE_COLORS[v]}>{v}</Tag> },
            { title: '方式', dataIndex: 'channel', width: 56 },
            { title: '类型', dataIndex: 'kind', width: 84 },
            { title: '被反映人', dataIndex: 'accused', width: 150, ellipsis: true },
            {
              title: '主要问题摘要',
              dataIndex: 'summary',
              ellipsis: { showTitle: false },
              render: (v: string, row) => (
                <Tooltip title={v} placement="topLeft">
                  {row.attachmentCount > 0 && <PaperClipOutlined style={{ marginRight: 4 }} aria-label="有附件" />}
                  {v}
                </Tooltip>
              ),
            },
            { title: '区域', dataIndex: 'region', width: 80, ellipsis: true },
            { title: '署名', dataIndex: 'realName', width: 60, render: (v: boolean) => (v ? <Tag color="blue">实名</Tag> : <Tag>匿名</Tag>) },
            { title: '办理', dataIndex: 'stage', width: 120, ellipsis: true, render: (v: LedgerRow['stage']) => <Tag color={STATUS_COLORS[statusOfStage(v)]}>{STAGE_LABELS[v]}</Tag> },
            { title: '预警', dataIndex: 'alert', width: 56, render: (v: LedgerRow['alert']) => <AlertTag alert={v} /> },
          ]}
        />
      </Card>
    </div>
  );
}
