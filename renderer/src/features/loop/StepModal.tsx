import { Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useContext } from 'react';
import type { CaseDetail } from '../../../../shared/domain/case';
import { OBLIGATION_LABELS, OBLIGATIONS } from '../../../../shared/domain/deadlines';
import {
  CLARIFICATION_MODES,
  DISPOSITIONS,
  FEEDBACK_RECIPIENTS,
  FINDINGS,
  REMINDER_ACTIONS,
  ROUTINGS,
  STEP_LABELS,
  SUPERVISION_MODES,
  type LoopStepInput,
  type StepKind,
} from '../../../../shared/domain/loop';
import { SessionContext } from '../auth/session';
import { options } from '../cases/labels';

const NEEDS_INSTRUCTION: StepKind[] = ['approve', 'investigate', 'extend', 'suspend', 'reopen'];

interface Props {
  kind: StepKind | null;
  detail: CaseDetail;
  onCancel(): void;
  onSubmit(step: LoopStepInput): Promise<void>;
}

/** One form for every step of the loop: who, when, the decision, and the fields this step needs. */
export function StepModal(props: Props) {
  // A fresh form for each opening, so its starting values are set once, before the user can touch it.
  return props.kind ? <StepForm {...props} kind={props.kind} /> : null;
}

function StepForm({ kind, detail, onCancel, onSubmit }: Props & { kind: StepKind }) {
  const [form] = Form.useForm();
  const session = useContext(SessionContext);
  const chosenRouting = Form.useWatch('routing', form);
  const proposedRouting = Form.useWatch('proposedRouting', form);
  const routing = chosenRouting ?? proposedRouting;
  const finding = Form.useWatch('finding', form);
  const latest = [...detail.steps].reverse();
  const approvedRouting = latest.flatMap((s) => (s.kind === 'approve' && s.routing ? [s.routing] : s.kind === 'screen' ? [s.proposedRouting] : []))[0];
  // A case linked as a repeat is proposed for 重复件留存备查 under its chain's first case.
  const initialValues = {
    by: session?.user?.displayName,
    at: dayjs(),
    routing: kind === 'route' ? approvedRouting : undefined,
    proposedRouting: kind === 'screen' && detail.repeatOf ? '重复件留存备查' : undefined,
    repeatOf: detail.repeatOf?.caseNo,
    approved: true,
    action: '督办',
    mode: '电话',
    recipients: detail.reporter.realName ? ['检举控告人'] : [],
    to: 'screen',
  };
  const text = (name: string, label: string, required = false, rows = 2) => (
    <Form.Item name={name} label={label} rules={required ? [{ required: true, whitespace: true, message: `请填写${label}` }] : []}>
      <Input.TextArea rows={rows} maxLength={2000} />
    </Form.Item>
  );

  return (
    <Modal
      open
      title={`${STEP_LABELS[kind]}：${detail.caseNo}`}
      okText="保存"
      cancelText="取消"
      width={640}
      onCancel={onCancel}
      onOk={async () => {
        const v = (await form.validateFields()) as Record<string, unknown> & { at: Dayjs; instructionText?: string; approver?: string };
        const { instructionText, approver, ...rest } = v;
        const step = {
          ...rest,
          kind,
          at: v.at.format('YYYY-MM-DD'),
          replyBy: (v.replyBy as Dayjs | undefined)?.format('YYYY-MM-DD'),
          instruction: NEEDS_INSTRUCTION.includes(kind) ? { text: instructionText, approver } : undefined,
        };
        await onSubmit(JSON.parse(JSON.stringify(step)) as LoopStepInput);
      }}
    >
      <Form form={form} layout="vertical" initialValues={initialValues}>
        <Form.Item name="by" label="经办人" rules={[{ required: true, whitespace: true, message: '请填写经办人' }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="at" label="办理日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(detail.receivedDate), 'day')} allowClear={false} />
        </Form.Item>
        {kind === 'screen' && (
          <>
            <Form.Item name="proposedRouting" label="拟分流方式" rules={[{ required: true, message: '请选择拟分流方式' }]}>
              <Select options={options(ROUTINGS)} />
            </Form.Item>
            {text('proposal', '拟办意见', true)}
            {routing === '重复件留存备查' && (
              <Form.Item name="repeatOf" label="首件编号" rules={[{ required: true, message: '请填写首件编号' }]}>
                <Input />
              </Form.Item>
            )}
          </>
        )}
        {kind === 'approve' && (
          <>
            <Form.Item name="approved" label="审批意见">
              <Radio.Group options={[{ value: true, label: '同意' }, { value: false, label: '不同意（退回重新甄别）' }]} />
            </Form.Item>
            <Form.Item name="routing" label="批准的分流方式（不填则按拟办）">
              <Select allowClear options={options(ROUTINGS)} />
            </Form.Item>
          </>
        )}
        {kind === 'route' && (
          <>
            <Form.Item name="routing" label="分流方式" rules={[{ required: true, message: '请选择分流方式' }]}>
              <Select options={options(ROUTINGS)} />
            </Form.Item>
            <Form.Item name="recipient" label="承办部门或接收机关">
              <Input maxLength={60} placeholder="如：第一纪检监察室 / 走马镇纪委" />
            </Form.Item>
            {routing === '交办' && (
              <Form.Item name="replyBy" label="交办回复期限" rules={[{ required: true, message: '请选择交办函载明的回复期限' }]}>
                <DatePicker />
              </Form.Item>
            )}
            {routing === '重复件留存备查' && (
              <Form.Item name="repeatOf" label="首件编号" rules={[{ required: true, message: '请填写首件编号' }]}>
                <Input />
              </Form.Item>
            )}
          </>
        )}
        {kind === 'investigate' && (
          <>
            <Form.Item name="disposition" label="处置方式" rules={[{ required: true, message: '请选择处置方式' }]}>
              <Select options={options(DISPOSITIONS)} />
            </Form.Item>
            <Form.Item name="finding" label="核查结论">
              <Select allowClear options={options(FINDINGS)} />
            </Form.Item>
            {finding === '失实' && (
              <>
                <Form.Item name="clarification" label="澄清正名方式">
                  <Checkbox.Group options={options(CLARIFICATION_MODES)} />
                </Form.Item>
                <Form.Item name="falseAccusation" valuePropName="checked">
                  <Checkbox>涉嫌诬告陷害，移交查处</Checkbox>
                </Form.Item>
              </>
            )}
          </>
        )}
        {kind === 'supervise' && (
          <>
            <Form.Item name="action" label="类别">
              <Radio.Group options={options(REMINDER_ACTIONS)} optionType="button" />
            </Form.Item>
            <Form.Item name="mode" label="方式">
              <Radio.Group options={options(SUPERVISION_MODES)} optionType="button" />
            </Form.Item>
          </>
        )}
        {kind === 'feedback' && (
          <>
            <Form.Item name="recipients" label="反馈对象">
              <Checkbox.Group options={options(FEEDBACK_RECIPIENTS)} />
            </Form.Item>
            {text('objection', '检举控告人意见或异议')}
          </>
        )}
        {kind === 'extend' && (
          <>
            <Form.Item name="obligation" label="延期的期限" rules={[{ required: true, message: '请选择' }]}>
              <Select options={OBLIGATIONS.filter((o) => detail.deadlines.some((d) => d.obligation === o && !d.fulfilledAt)).map((o) => ({ value: o, label: OBLIGATION_LABELS[o] }))} />
            </Form.Item>
            <Form.Item name="days" label="延期天数（按该期限的计算单位）" rules={[{ required: true, message: '请填写天数' }]}>
              <InputNumber min={1} max={365} />
            </Form.Item>
            {text('reason', '延期理由', true)}
          </>
        )}
        {kind === 'suspend' && text('reason', '中止理由', true)}
        {kind === 'resume' && text('reason', '恢复理由')}
        {kind === 'reopen' && (
          <>
            <Form.Item name="to" label="重新办理">
              <Radio.Group options={[{ value: 'screen', label: '重新甄别' }, { value: 'investigate', label: '重新调查' }]} />
            </Form.Item>
            {text('reason', '重新办理理由', true)}
          </>
        )}
        {text('decision', kind === 'supervise' ? '督办内容' : '处理意见')}
        {NEEDS_INSTRUCTION.includes(kind) && (
          <>
            {text('instructionText', '领导批示', true)}
            <Form.Item name="approver" label="批示领导" rules={[{ required: true, whitespace: true, message: '请填写批示领导' }]}>
              <Input maxLength={40} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
