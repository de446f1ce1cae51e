import { Tag, Tooltip } from 'antd';
import { ALERT_LABELS, OBLIGATION_LABELS, type Alert, type Deadline } from '../../../../shared/domain/deadlines';

export const ALERT_COLORS: Record<Alert, string> = { red: 'red', yellow: 'gold', blue: 'blue', none: 'default' };
const SHORT: Record<Alert, string> = { red: '红', yellow: '黄', blue: '蓝', none: '—' };

export function AlertTag({ alert, long = false }: { alert: Alert; long?: boolean }) {
  return (
    <Tag color={ALERT_COLORS[alert]} data-alert={alert}>
      {long ? ALERT_LABELS[alert] : SHORT[alert]}
    </Tag>
  );
}

/** A deadline's date with the reasoning behind it ("15 个工作日，跳过 国庆节 …") on hover. */
export function DueDate({ deadline }: { deadline: Deadline }) {
  const text = deadline.due ?? (deadline.estimate ? `约 ${deadline.estimate}（仅供参考）` : '无法计算');
  return (
    <Tooltip title={`${OBLIGATION_LABELS[deadline.obligation]}：${deadline.explanation}。依据：${deadline.citation}`}>
      <span style={{ borderBottom: '1px dotted #999', color: deadline.due ? undefined : '#d48806' }}>{text}</span>
    </Tooltip>
  );
}
