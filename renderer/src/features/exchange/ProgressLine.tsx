import { Progress, Typography } from 'antd';
import type { ExchangeProgress } from './hooks';

/** Shown while a large bundle is written or read. */
export function ProgressLine({ progress, busy, label }: { progress: ExchangeProgress | null; busy: boolean; label: string }) {
  if (!busy) return null;
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <div data-testid="exchange-progress" style={{ marginTop: 12 }}>
      <Typography.Text type="secondary">
        {label}
        {progress ? `：${progress.phase}（${progress.done}/${progress.total}）` : '…'}
      </Typography.Text>
      <Progress percent={percent} status="active" size="small" />
    </div>
  );
}
