import { Checkbox, DatePicker, Divider, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { FieldVisit, PreVisitAnswer } from '../../../../shared/domain/visits';
import { api } from '../../api/client';
import { FormModal } from '../aftercare/FormModal';

/** 访前五问: each question ticked when settled, with a note. */
function Checklist({ name }: { name: string }) {
  return (
    <Form.List name={name}>
      {(fields) =>
        fields.map((f) => (
          <Space key={f.key} align="start" style={{ display: 'flex', marginBottom: 4 }}>
            <Form.Item name={[f.name, 'done']} valuePropName="checked" noStyle>
              <Checkbox>
                <Form.Item shouldUpdate noStyle>
                  {(form) => <span style={{ display: 'inline-block', width: 300 }}>{form.getFieldValue([name, f.name, 'question']) as string}</span>}
                </Form.Item>
              </Checkbox>
            </Form.Item>
            <Form.Item name={[f.name, 'note']} noStyle>
              <Input size="small" placeholder="说明" maxLength={300} style={{ width: 220 }} />
            </Form.Item>
            {/* Registered (and hidden), so that the answer is submitted with its question. */}
            <Form.Item name={[f.name, 'question']} hidden noStyle>
              <Input />
            </Form.Item>
          </Space>
        ))
      }
    </Form.List>
  );
}

function useCaseOptions() {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const search = (text: string) =>
    void api['cases.ledger']({ search: text, pageSize: 20, statuses: ['已登记', '办理中', '已办结'] }).then(
      (page) => setOptions(page.rows.map((r) => ({ value: r.id, label: [r.caseNo, r.region, r.summary.slice(0, 30)].filter(Boolean).join(' · ') }))),
      () => undefined,
    );
  useEffect(() => search(''), []);
  return { options, search };
}

const names = (list: string[] | undefined) => (list ?? []).map((s) => s.trim()).filter(Boolean);

/** 制定下访计划: date, place, leaders, participants, the cases taken along and the 访前五问 as far as settled. */
export function PlanModal({ questions, onClose, onSaved }: { questions: string[]; onClose(): void; onSaved(): void }) {
  const cases = useCaseOptions();
  return (
    <FormModal<{ date: Dayjs; place: string; leaders: string[]; participants?: string[]; caseIds: string[]; checklist: PreVisitAnswer[] }>
      title="制定带信下访计划"
      width={760}
      initialValues={{ date: dayjs().add(3, 'day'), leaders: [], participants: [], caseIds: [], checklist: questions.map((question) => ({ question, done: false, note: '' })) }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api['fieldVisits.plan']({ ...v, date: v.date.format('YYYY-MM-DD'), leaders: names(v.leaders), participants: names(v.participants) });
        onSaved();
      }}
    >
      <Space size="large" wrap>
        <Form.Item name="date" label="下访日期" rules={[{ required: true, message: '请选择下访日期' }]}>
          <DatePicker allowClear={false} />
        </Form.Item>
        <Form.Item name="place" label="下访地点" rules={[{ required: true, whitespace: true, message: '请填写下访地点' }]}>
          <Input maxLength={60} placeholder="如：走马镇白果村" style={{ width: 240 }} />
        </Form.Item>
      </Space>
      <Form.Item name="leaders" label="带队领导" rules={[{ required: true, type: 'array', min: 1, message: '请填写带队领导' }]}>
        <Select mode="tags" tokenSeparators={['、', '，', ',']} open={false} placeholder="输入姓名后回车" />
      </Form.Item>
      <Form.Item name="participants" label="参加人员">
        <Select mode="tags" tokenSeparators={['、', '，', ',']} open={false} placeholder="输入姓名后回车" />
      </Form.Item>
      <Form.Item name="caseIds" label="带下去的信访件" rules={[{ required: true, type: 'array', min: 1, message: '请选择带下去的信访件' }]}>
        <Select mode="multiple" showSearch={{ filterOption: false, onSearch: cases.search }} options={cases.options} placeholder="输入编号、被反映人或摘要查找" />
      </Form.Item>
      <Divider titlePlacement="start" plain>
        访前问题（可在“访前问题”中设置）
      </Divider>
      <Checklist name="checklist" />
    </FormModal>
  );
}

/** 记录下访情况: what was found and decided per case, problems solved, the 访前五问 all settled. */
export function RecordModal({ visit, onClose, onSaved }: { visit: FieldVisit; onClose(): void; onSaved(): void }) {
  return (
    <FormModal<{ visitedOn: Dayjs; summary: string; problemsSolved: number; checklist: PreVisitAnswer[]; cases: { caseId: string; finding: string; decision: string; solved: boolean }[] }>
      title={`记录下访情况：${visit.place}（${visit.date}）`}
      width={820}
      initialValues={{
        visitedOn: dayjs(visit.date).isAfter(dayjs()) ? dayjs() : dayjs(visit.date),
        problemsSolved: 0,
        checklist: visit.checklist,
        cases: visit.cases.map(({ caseId, finding, decision, solved }) => ({ caseId, finding, decision, solved })),
      }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api['fieldVisits.record']({ id: visit.id, expectedUpdatedAt: visit.updatedAt, result: { ...v, visitedOn: v.visitedOn.format('YYYY-MM-DD') } });
        onSaved();
      }}
    >
      <Space size="large" wrap>
        <Form.Item name="visitedOn" label="实际下访日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} allowClear={false} />
        </Form.Item>
        <Form.Item name="problemsSolved" label="解决问题数" rules={[{ required: true, message: '请填写解决问题数' }]}>
          <InputNumber min={0} max={999} />
        </Form.Item>
      </Space>
      <Form.Item name="summary" label="下访情况" rules={[{ required: true, whitespace: true, message: '请填写下访情况' }]}>
        <Input.TextArea rows={2} maxLength={2000} placeholder="座谈、走访、现场答复等情况（不写检举控告人身份信息）" />
      </Form.Item>
      <Divider titlePlacement="start" plain>
        访前问题（须全部落实）
      </Divider>
      <Checklist name="checklist" />
      <Divider titlePlacement="start" plain>
        逐件了解的情况和处理意见
      </Divider>
      <Form.List name="cases">
        {(fields) =>
          fields.map((f, i) => (
            <div key={f.key} style={{ marginBottom: 8 }}>
              <Typography.Text strong>{visit.cases[i]?.caseNo}</Typography.Text>
              <Form.Item name={[f.name, 'caseId']} hidden noStyle>
                <Input />
              </Form.Item>
              <Space align="start" style={{ display: 'flex', marginTop: 4 }}>
                <Form.Item name={[f.name, 'finding']} rules={[{ required: true, whitespace: true, message: '请填写了解的情况' }]} style={{ marginBottom: 0 }}>
                  <Input.TextArea aria-label={`${visit.cases[i]?.caseNo} 了解的情况`} rows={2} placeholder="了解的情况" style={{ width: 300 }} maxLength={1000} />
                </Form.Item>
                <Form.Item name={[f.name, 'decision']} rules={[{ required: true, whitespace: true, message: '请填写处理意见' }]} style={{ marginBottom: 0 }}>
                  <Input.TextArea aria-label={`${visit.cases[i]?.caseNo} 处理意见`} rows={2} placeholder="处理意见" style={{ width: 300 }} maxLength={1000} />
                </Form.Item>
                <Form.Item name={[f.name, 'solved']} valuePropName="checked" style={{ marginBottom: 0 }}>
                  <Checkbox>问题已解决</Checkbox>
                </Form.Item>
              </Space>
            </div>
          ))
        }
      </Form.List>
    </FormModal>
  );
}
