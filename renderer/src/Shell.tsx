import {
  AlertOutlined,
  BarChartOutlined,
  FileTextOutlined,
  SettingOutlined,
  SwapOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { Alert, Layout, Menu, Result, Spin } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { api, onEvent } from './api/client';
import { CasesArea } from './features/cases/CasesArea';
import { SettingsPage } from './features/settings/SettingsPage';
import { SetupPage } from './features/setup/SetupPage';
import { useAsync } from './useAsync';

type Area = 'ledger' | 'alerts' | 'documents' | 'statistics' | 'exchange' | 'settings';

interface AreaSpec {
  label: string;
  icon: ReactNode;
  /** Areas whose issue has not landed yet are shown disabled rather than as empty screens. */
  render?: () => ReactNode;
}

const AREAS: Record<Area, AreaSpec> = {
  ledger: { label: '登记台账', icon: <UnorderedListOutlined />, render: () => <CasesArea /> },
  alerts: { label: '预警督办', icon: <AlertOutlined /> },
  documents: { label: '文书', icon: <FileTextOutlined /> },
  statistics: { label: '统计通报', icon: <BarChartOutlined /> },
  exchange: { label: '交换', icon: <SwapOutlined /> },
  settings: { label: '设置', icon: <SettingOutlined />, render: () => <SettingsPage /> },
};

const firstArea = (Object.keys(AREAS) as Area[]).find((a) => AREAS[a].render) ?? 'settings';

export function Shell() {
  const info = useAsync(() => api['app.info']({}));
  const settings = useAsync(() => api['settings.get']({}));
  const [area, setArea] = useState<Area>(firstArea);
  useEffect(() => onEvent('settings.changed', (s) => settings.setValue(s)), [settings.setValue]);

  if (info.error) return <Result status="error" title="无法连接本机服务" subTitle={info.error} />;
  if (!info.value || !settings.value) return <Spin size="large" style={{ display: 'block', marginTop: 120 }} />;
  if (!settings.value.office) {
    return (
      <SetupPage
        onDone={() => {
          void settings.reload();
          void info.reload();
        }}
      />
    );
  }

  return (
    <Layout style={{ minHeight: '100%' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', background: '#8b0000' }}>
        <span className="app-title">信访举报工作台</span>
        <span className="app-office" data-testid="office-name">{settings.value.office.shortName}</span>
      </Layout.Header>
      {info.value.recoveries.length > 0 && (
        <Alert
          type="warning"
          showIcon
          banner
          message="部分数据文件已从备份恢复"
          description={info.value.recoveries.map((r) => `${r.file}：${r.reason}，已从 ${r.from} 恢复`).join('；')}
        />
      )}
      <Layout>
        <Layout.Sider width={180} theme="light">
          <Menu
            mode="inline"
            selectedKeys={[area]}
            onClick={({ key }) => setArea(key as Area)}
            items={(Object.keys(AREAS) as Area[]).map((key) => ({
              key,
              icon: AREAS[key].icon,
              label: AREAS[key].label,
              disabled: !AREAS[key].render,
              title: AREAS[key].render ? AREAS[key].label : `${AREAS[key].label}（尚未提供）`,
            }))}
          />
        </Layout.Sider>
        <Layout.Content style={{ background: '#f5f5f5', overflow: 'auto' }}>{AREAS[area].render?.()}</Layout.Content>
      </Layout>
    </Layout>
  );
}
