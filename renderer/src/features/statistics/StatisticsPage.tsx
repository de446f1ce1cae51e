import { FileWordOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Row, Segmented, Space, Statistic, Table, Tabs, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import {
  ALERT_LABELS,
  DIMENSION_LABELS,
  DIMENSIONS,
  monthOf,
  percent,
  RATE_DEFINITIONS,
  RATE_LABELS,
  RATES,
  statisticalMonth,
  statisticalQuarter,
  statisticalYear,
  VISIT_KINDS,
  type Dimension,
  type ListRow,
  type Period,
  type Statistics,
  type Tally,
} from '../../../../shared/domain/statistics';
import { api, errorMessage, onEvent } from '../../api/client';
import { saveFile } from '../../host/files';
import { useCan } from '../auth/session';
import { Chart, type ChartOption } from './Chart';

type Mode = 'month' | 'quarter' | 'year' | 'custom';
const MODES: { value: Mode; label: string }[] = [
  { value: 'month', label: '月' },
  { value: 'quarter', label: '季度' },
  { value: 'year', label: '年' },
  { value: 'custom', label: '自定义' },
];
const COLOURS = ['#c23531', '#2f4554', '#61a0a8', '#d48265', '#91c7ae', '#749f83', '#ca8622', '#bda29a', '#6e7074', '#546570'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The period a picker choice stands for, under the office's 统计口径. */
function periodOf(mode: Mode, picked: Dayjs, range: [Dayjs, Dayjs], startDay: number): Period {
  switch (mode) {
    case 'month':
      return statisticalMonth(picked.format('YYYY-MM'), startDay);
    case 'quarter':
      return statisticalQuarter(picked.year(), (Math.floor(picked.month() / 3) + 1) as 1 | 2 | 3 | 4, startDay);
    case 'year':
      return statisticalYear(picked.year(), startDay);
    case 'custom':
      return { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') };
  }
}

const tallyLabel = (dimension: Dimension, key: string) => (dimension === 'alert' ? (ALERT_LABELS[key as keyof typeof ALERT_LABELS] ?? key) : key);

function barOption(tallies: readonly Tally[], dimension: Dimension, horizontal = false): ChartOption {
  const shown = tallies.filter((t) => t.count > 0);
  const names = shown.map((t) => tallyLabel(dimension, t.key));
  const category = { type: 'category', data: names, axisLabel: { interval: 0, rotate: horizontal || names.length <= 5 ? 0 : 30 } };
  const value = { type: 'value', minInterval: 1 };
  return {
    color: COLOURS,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: horizontal ? 110 : 40, right: 16, top: 32, bottom: horizontal || names.length <= 5 ? 24 : 70 },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? { ...category, inverse: true } : value,
    series: [
      { type: 'bar', name: '收件', data: shown.map((t) => t.count), label: { show: true, position: horizontal ? 'right' : 'top' } },
      { type: 'bar', name: '已办结', data: shown.map((t) => t.concluded) },
    ],
  };
}

function trendOption(stats: Statistics): ChartOption {
  return {
    color: COLOURS,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 32, bottom: 24 },
    xAxis: { type: 'category', data: stats.trend.map((m) => m.month) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', name: '收件', data: stats.trend.map((m) => m.received), label: { show: stats.trend.length <= 12, position: 'top' } },
      { type: 'line', name: '办结', data: stats.trend.map((m) => m.concluded) },
    ],
  };
}

function pieOption(tallies: readonly Tally[], dimension: Dimension): ChartOption {
  return {
    color: COLOURS,
    tooltip: { trigger: 'item', formatter: '{b}：{c} 件（{d}%）' },
    series: [{ type: 'pie', radius: ['30%', '55%'], data: tallies.filter((t) => t.count > 0).map((t) => ({ name: tallyLabel(dimension, t.key), value: t.count })), label: { formatter: '{b} {c}' } }],
  };
}

function BreakdownTable({ dimension, tallies, total }: { dimension: Dimension; tallies: readonly Tally[]; total: number }) {
  return (
    <Table<Tally>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={tallies.filter((t) => t.count > 0)}
      locale={{ emptyText: '本期无收件' }}
      columns={[
        { title: DIMENSION_LABELS[dimension], dataIndex: 'key', render: (k: string) => tallyLabel(dimension, k) },
        { title: '件数', dataIndex: 'count', align: 'right', width: 90 },
        { title: '占比', key: 'share', align: 'right', width: 90, render: (_, t) => (total ? `${((t.count / total) * 100).toFixed(1)}%` : '—') },
        { title: '已办结', dataIndex: 'concluded', align: 'right', width: 90 },
      ]}
    />
  );
}

function ListTable({ rows, daysLabel }: { rows: ListRow[]; daysLabel: string }) {
  return (
    <Table<ListRow>
      size="small"
      rowKey={(r) => `${r.caseNo}-${r.detail}`}
      dataSource={rows}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: '无' }}
      columns={[
        { title: '承办单位', dataIndex: 'handler', width: 160 },
        { title: '编号', dataIndex: 'caseNo', width: 200 },
        { title: '收件日期', dataIndex: 'receivedDate', width: 110 },
        { title: '情况', dataIndex: 'detail' },
        ...(daysLabel ? [{ title: daysLabel, dataIndex: 'days', align: 'right' as const, width: 90 }] : []),
      ]}
    />
  );
}

/** 统计: figures, rates, charts and breakdowns of a period under the office's 统计口径; the monthly 通报 to download. */
export function StatisticsPage({ startDay }: { startDay: number }) {
  const { message } = App.useApp();
  const can = useCan();
  const [mode, setMode] = useState<Mode>('month');
  const [picked, setPicked] = useState<Dayjs>(() => dayjs(`${monthOf(dayjs().format('YYYY-MM-DD'), startDay)}-01`));
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf('year'), dayjs()]);
  const period = useMemo(() => periodOf(mode, picked, range, startDay), [mode, picked, range, startDay]);
  const [stats, setStats] = useState<(Statistics & { tookMs: number }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generating, setGenerating] = useState(false);
  const [version, setVersion] = useState(0);
  useEffect(() => onEvent('cases.changed', () => setVersion((v) => v + 1)), []);
  useEffect(() => {
    let current = true;
    api['statistics.compute'](period).then(
      (s) => {
        if (!current) return;
        setStats(s);
        setError(null);
      },
      (err: unknown) => current && setError(errorMessage(err)),
    );
    return () => {
      current = false;
    };
  }, [period.from, period.to, version]);

  const bulletinMonth = mode === 'month' ? picked.format('YYYY-MM') : monthOf(period.to, startDay);
  async function bulletin() {
    setGenerating(true);
    try {
      const files = await api['statistics.bulletin']({ month: bulletinMonth });
      saveFile(files.docx.fileName, files.docx.base64, DOCX);
      saveFile(files.xlsx.fileName, files.xlsx.base64, XLSX);
      message.success(`已生成 ${files.docx.fileName} 和 ${files.xlsx.fileName}`);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setGenerating(false);
    }
  }

  const picker =
    mode === 'custom' ? (
      <DatePicker.RangePicker aria-label="统计期间" allowClear={false} value={range} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
    ) : (
      <DatePicker aria-label="统计期间" picker={mode} allowClear={false} value={picked} onChange={(v) => v && setPicked(v)} format={mode === 'month' ? 'YYYY年M月' : mode === 'quarter' ? 'YYYY年第Q季度' : 'YYYY年'} />
    );

  const s = stats;
  const t = s?.totals;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card size="small">
        <Space wrap size={16} style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space wrap>
            <Segmented<Mode> options={MODES} value={mode} onChange={setMode} />
            {picker}
            <Typography.Text type="secondary" data-testid="stats-period">
              统计期间 {period.from} 至 {period.to}
              {startDay > 1 ? `（统计口径：每月 ${startDay} 日起）` : '（自然月）'}
              {s && s.cutoff < period.to ? `，数据截至 ${s.cutoff}` : ''}
            </Typography.Text>
          </Space>
          {can('export') && (
            <Tooltip title={`按统计口径生成 ${bulletinMonth} 的一月一通报（.docx）和台账统计表（.xlsx）`}>
              <Button type="primary" icon={<FileWordOutlined />} loading={generating} onClick={() => void bulletin()}>
                生成通报
              </Button>
            </Tooltip>
          )}
        </Space>
      </Card>
      {error && <Alert type="error" message={error} />}
      {s && t && (
        <>
          <Row gutter={[16, 16]}>
            {(
              [
                ['收件', t.received, '件', 'received'],
                ['已办结', t.concluded, '件', 'concluded'],
                ['未办结', t.open, '件', 'open'],
                ['本期办结', t.concludedInPeriod, '件', 'concluded-in-period'],
                ['超期件', t.overdue, '件', 'overdue'],
                ['重复件', t.repeats, '件', 'repeats'],
                ['催办督办', s.supervisions.total, '次', 'supervisions'],
                ['出具文书', s.documents.total, '份', 'documents'],
              ] as const
            ).map(([title, value, suffix, id]) => (
              <Col key={id} xs={12} md={6} xl={3}>
                <Card size="small">
                  <Statistic title={title} value={value} suffix={suffix} valueStyle={id === 'overdue' && value ? { color: '#cf1322' } : undefined} />
                  <span data-testid={`figure-${id}`} hidden>{value}</span>
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={[16, 16]}>
            {RATES.map((k) => (
              <Col key={k} xs={12} md={8} xl={4}>
                <Tooltip title={RATE_DEFINITIONS[k]}>
                  <Card size="small" data-testid={`rate-${k}`}>
                    <Statistic title={RATE_LABELS[k]} value={percent(s.rates[k])} />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {s.rates[k].numerator} / {s.rates[k].denominator}
                    </Typography.Text>
                  </Card>
                </Tooltip>
              </Col>
            ))}
          </Row>
          {t.received === 0 && <Empty description="本期没有收到信访举报件" />}
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card size="small" title="收件与办结（按统计月）">
                <Chart option={trendOption(s)} testId="chart-trend" />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title="按来源">
                <Chart option={barOption(s.by.source, 'source')} testId="chart-source" />
              </Card>
            </Col>
            <Col xs={24} xl={8}>
              <Card size="small" title="按反映方式">
                <Chart option={pieOption(s.by.channel, 'channel')} />
              </Card>
            </Col>
            <Col xs={24} xl={8}>
              <Card size="small" title="按预警颜色（今日）">
                <Chart option={{ ...pieOption(s.by.alert, 'alert'), color: ['#cf1322', '#faad14', '#1677ff', '#bfbfbf'] }} />
              </Card>
            </Col>
            <Col xs={24} xl={8}>
              <Card size="small" title="按被反映人职级">
                <Chart option={barOption(s.by.rank, 'rank', true)} />
              </Card>
            </Col>
            <Col xs={24}>
              <Card size="small" title="按问题类别（一件反映多类问题的分别计入）">
                <Chart option={barOption(s.by.category, 'category')} height={300} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title="分类统计">
            <Tabs items={DIMENSIONS.map((d) => ({ key: d, label: DIMENSION_LABELS[d], children: <BreakdownTable dimension={d} tallies={s.by[d]} total={t.received} /> }))} />
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card size="small" title="催办督办、文书">
                <Space direction="vertical">
                  <span>
                    催办督办 {s.supervisions.total} 次：{[...s.supervisions.byAction, ...s.supervisions.byMode].map((x) => `${x.key} ${x.count}`).join('，')}
                  </span>
                  <span>
                    出具文书 {s.documents.total} 份：{s.documents.byType.filter((d) => d.count).map((d) => `${d.label} ${d.count}`).join('，') || '无'}
                  </span>
                  {s.documents.sets.map((set) => (
                    <span key={set.name} data-testid="document-set">
                      {set.name}（{set.types.join('、')}）{set.count} 份
                    </span>
                  ))}
                </Space>
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title="带信下访、入户走访">
                <Space direction="vertical">
                  {VISIT_KINDS.map((k) => (
                    <span key={k}>
                      {k} {s.visits[k].count} 次，解决问题 {s.visits[k].problemsSolved} 个，发现线索 {s.visits[k].leads} 条，走访 {s.visits[k].households} 户
                    </span>
                  ))}
                  <span>红色预警 {s.warnings.red} 件、黄色预警 {s.warnings.yellow} 件（本期收件，按今日颜色）；截至期末超期期限 {s.warnings.overdueDeadlines} 项</span>
                </Space>
              </Card>
            </Col>
          </Row>
          <Card size="small" title="清单">
            <Tabs
              items={s.lists.map((l, i) => ({
                key: String(i),
                label: `${l.name}（${l.total}）`,
                children: (
                  <>
                    <Typography.Paragraph type="secondary">{l.description}</Typography.Paragraph>
                    <ListTable rows={l.rows} daysLabel={l.kind === 'overdue' ? '超期天数' : l.kind === 'backlog' ? '收件天数' : l.kind === 'supervised' ? '督办次数' : ''} />
                  </>
                ),
              }))}
            />
          </Card>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            统计用时 {s.tookMs} ms。统计口径：{RATES.map((k) => `${RATE_LABELS[k]} = ${RATE_DEFINITIONS[k]}`).join('；')}。
          </Typography.Text>
        </>
      )}
    </Space>
  );
}
