import { Alert, App, Button, Card, Col, DatePicker, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { RepeatReport } from '../../../../shared/domain/repeat-report';
import { api, errorMessage } from '../../api/client';
import { saveFile } from '../../host/files';
import { useAsync } from '../../useAsync';
import { useCan } from '../auth/session';
import { DIFFICULT_COLORS } from './DifficultCard';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PRESETS: { label: string; value: [Dayjs, Dayjs] }[] = [
  { label: '本月', value: [dayjs().startOf('month'), dayjs()] },
  { label: '上月', value: [dayjs().subtract(1, 'month').startOf('month'), dayjs().subtract(1, 'month').endOf('month')] },
  { label: '本季度', value: [dayjs().month(Math.floor(dayjs().month() / 3) * 3).startOf('month'), dayjs()] },
  { label: '本年', value: [dayjs().startOf('year'), dayjs()] },
];

/** 重复件定期报告 for 通报: the period's repeats by source and upper office, the chains they joined, 重点疑难件 figures. */
export function RepeatReportPage({ onOpenCase }: { onOpenCase(id: string): void }) {
  const { message } = App.useApp();
  const can = useCan();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(PRESETS[0]!.value);
  const period = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') };
  const report = useAsync(() => api['repeats.report'](period), [period.from, period.to]);
  const r = report.value;

  async function exportReport() {
    try {
      const file = await api['repeats.exportReport'](period);
      saveFile(file.fileName, file.base64, XLSX);
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  const counts = (title: string, rows: RepeatReport['bySource']) => (
    <Table size="small" rowKey="name" title={() => title} dataSource={rows} pagination={false} locale={{ emptyText: '无' }} columns={[{ title: '名称', dataIndex: 'name' }, { title: '件数', dataIndex: 'count', width: 80 }]} />
  );

  return (
    <Card
      title="重复件定期报告"
      extra={
        <Space>
          <DatePicker.RangePicker aria-label="统计期间" allowClear={false} presets={PRESETS} value={range} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
          {can('export') && <Button onClick={() => void exportReport()}>导出 Excel</Button>}
        </Space>
      }
    >
      {report.error && <Alert type="error" title={report.error} style={{ marginBottom: 12 }} />}
      {r && (
        <div data-testid="repeat-report">
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={4}><Statistic title="收件" value={r.received} suffix="件" /></Col>
            <Col span={4}><Statistic title="其中重复件" value={r.repeats} suffix="件" /></Col>
            <Col span={4}><Statistic title="重复件占比" value={r.repeatRate} suffix="%" /></Col>
            <Col span={4}><Statistic title="新列重点疑难件" value={r.difficult.flagged} suffix="件" /></Col>
            <Col span={4}><Statistic title="本期化解" value={r.difficult.resolved} suffix={`件（满意 ${r.difficult.satisfied}）`} /></Col>
            <Col span={4}><Statistic title="尚未化解" value={r.difficult.open} suffix="件" /></Col>
          </Row>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={12}>{counts('按来源', r.bySource)}</Col>
            <Col span={12}>{counts('按上级机关', r.byUpperOffice)}</Col>
          </Row>
          <Typography.Title level={5}>本期收到重复件的重复件链</Typography.Title>
          <Table
            size="small"
            rowKey="firstId"
            dataSource={r.chains}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            locale={{ emptyText: '本期没有重复件' }}
            columns={[
              { title: '首件编号', dataIndex: 'firstCaseNo', width: 170, render: (v: string, c) => <Typography.Link onClick={() => onOpenCase(c.firstId)}>{v}</Typography.Link> },
              { title: '被反映人', dataIndex: 'accused', width: 200, ellipsis: { showTitle: true } },
              { title: '主要问题', dataIndex: 'summary', ellipsis: { showTitle: true } },
              { title: '本期', dataIndex: 'inPeriod', width: 70 },
              { title: '累计', dataIndex: 'count', width: 70 },
              { title: '重点疑难件', dataIndex: 'difficult', width: 110, render: (s: RepeatReport['chains'][number]['difficult']) => (s ? <Tag color={DIFFICULT_COLORS[s]}>{s}</Tag> : '—') },
            ]}
          />
        </div>
      )}
    </Card>
  );
}
