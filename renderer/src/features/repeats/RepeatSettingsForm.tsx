import { App, Button, InputNumber, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { useAsync } from '../../useAsync';
import { useCan } from '../auth/session';

/** The office's window for repeat suggestions: how far back an earlier case still counts. */
export function RepeatSettingsForm() {
  const { message } = App.useApp();
  const can = useCan();
  const settings = useAsync(() => api['settings.get']({}));
  const [days, setDays] = useState<number | null>(null);
  const saved = settings.value?.repeats.windowDays;
  useEffect(() => setDays(saved ?? null), [saved]);
  if (saved === undefined) return null;
  if (!can('settings.write')) return <Typography.Text type="secondary">识别范围：收件前后 {saved} 天</Typography.Text>;
  return (
    <Space>
      <span>识别范围</span>
      <InputNumber aria-label="识别范围（天）" min={30} max={3650} value={days} onChange={(v) => setDays(v)} suffix="天" style={{ width: 110 }} />
      <Button
        disabled={days === saved || days === null}
        onClick={async () => {
          try {
            const next = await api['repeats.updateSettings']({ windowDays: days ?? saved });
            settings.setValue(next);
            message.success(`已保存：收件前后 ${next.repeats.windowDays} 天内的在先信访件参与重复件识别`);
          } catch (err) {
            message.error(errorMessage(err));
          }
        }}
      >
        保存
      </Button>
    </Space>
  );
}
