import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Input, Space, Statistic, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { HouseholdVisit } from '../../../../shared/domain/visits';
import { api } from '../../api/client';
import { useAsync } from '../../useAsync';
import { useCan } from '../auth/session';
import { HouseholdBatchEntry } from './HouseholdBatchEntry';

/** 入户走访: the list by date and place with its totals, and the batch entry above it. */
export function HouseholdVisitsPage() {
  const can = useCan();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [place, setPlace] = useState('');
  const [entering, setEntering] = useState(false);
  const query = { from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD'), place: place.trim() };
  const list = useAsync(() => api['householdVisits.list'](query), [JSON.stringify(query)]);
  const totals = list.value?.totals;
  return (
    <>
      {entering && (
        <HouseholdBatchEntry
          onCancel={() => setEntering(false)}
          onSaved={() => {
            setEntering(false);
            void list.reload();
          }}
        />
      )}
      <Card
        size="small"
        title={
          <Space wrap>
            <DatePicker.RangePicker aria-label="走访日期范围" value={range} onChange={(v) => setRange(v)} />
            <Input.Search aria-label="走访地点" placeholder="地点（乡镇、村）" allowClear style={{ width: 200 }} onSearch={setPlace} />
          </Space>
        }
        extra={
          can('case.write') &&
          !entering && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEntering(true)}>
              批量录入
            </Button>
          )
        }
      >
        {list.error && <Alert type="error" message={list.error} />}
        {totals && (
          <Space size={48} style={{ marginBottom: 12 }} data-testid="household-totals">
            <Statistic title="走访次数" value={totals.visits} />
            <Statistic title="走访户数" value={totals.households} />
            <Statistic title="收集线索" value={totals.leads} />
            <Statistic title="解决问题" value={totals.problemsSolved} />
          </Space>
        )}
        <Table<HouseholdVisit>
          size="small"
          rowKey="id"
          loading={list.loading}
          dataSource={list.value?.rows ?? []}
          data-testid="household-list"
          locale={{ emptyText: '没有符合条件的入户走访记录' }}
          pagination={{ pageSize: 50, showTotal: (n) => `共 ${n} 条${n >= 1000 ? '（显示最近 1000 条，合计为全部）' : ''}` }}
          columns={[
            { title: '日期', dataIndex: 'date', width: 100 },
            { title: '地点', dataIndex: 'place', width: 170 },
            { title: '走访人员', dataIndex: 'visitors', width: 130 },
            { title: '走访对象', dataIndex: 'peopleMet', width: 150 },
            { title: '户数', dataIndex: 'households', width: 60 },
            { title: '线索', dataIndex: 'leads', width: 60 },
            { title: '线索情况', dataIndex: 'leadsNote', ellipsis: true },
            { title: '解决问题', dataIndex: 'problemsSolved', width: 80 },
            { title: '解决情况', dataIndex: 'solvedNote', ellipsis: true },
          ]}
        />
      </Card>
    </>
  );
}
