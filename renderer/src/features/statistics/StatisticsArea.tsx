import { Alert, Spin, Tabs } from 'antd';
import { useEffect } from 'react';
import { api, onEvent } from '../../api/client';
import { useAsync } from '../../useAsync';
import { StatisticsPage } from './StatisticsPage';
import { StatisticsSettingsPage } from './StatisticsSettingsPage';

/** 统计通报: the dashboard with the monthly 通报, and the settings of the 统计口径, 三函一书 and 四清单. */
export function StatisticsArea() {
  const settings = useAsync(() => api['settings.get']({}));
  useEffect(() => onEvent('settings.changed', (s) => settings.setValue(s)), [settings.setValue]);
  if (settings.error) return <Alert type="error" message={settings.error} />;
  if (!settings.value) return <Spin style={{ display: 'block', marginTop: 80 }} />;
  const startDay = settings.value.statistics.monthStartDay;
  return (
    <div className="page">
      <Tabs
        items={[
          { key: 'dashboard', label: '统计', children: <StatisticsPage key={startDay} startDay={startDay} /> },
          { key: 'settings', label: '统计设置', children: <StatisticsSettingsPage settings={settings.value} onSaved={settings.setValue} /> },
        ]}
      />
    </div>
  );
}
