import {
  BranchesOutlined,
  AlertOutlined,
  BarChartOutlined,
  DownOutlined,
  EnvironmentOutlined,
  FileTextOutlined,
  FolderOpenOutlined,
  SettingOutlined,
  SwapOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { Alert, Dropdown, Layout, Menu, Result, Spin } from 'antd';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { SessionInfo } from '../../shared/domain/users';
import { api, onEvent, SESSION_LOST } from './api/client';
import { AdminSetupPage } from './features/auth/AdminSetupPage';
import { ChangePasswordModal } from './features/auth/ChangePasswordModal';
import { LoginPage } from './features/auth/LoginPage';
import { SessionContext } from './features/auth/session';
import { CasesArea } from './features/cases/CasesArea';
import { DocumentsArea } from './features/documents/DocumentsArea';
import { RepeatsArea } from './features/repeats/RepeatsArea';
import { ExchangeArea } from './features/exchange/ExchangeArea';
import { AlertsArea } from './features/loop/AlertsArea';
import { ArchiveArea } from './features/archive/ArchiveArea';
import { VisitsArea } from './features/visits/VisitsArea';
import { SettingsPage } from './features/settings/SettingsPage';
import { StatisticsArea } from './features/statistics/StatisticsArea';
import { SetupPage } from './features/setup/SetupPage';
import { onNavigate, type AreaKey } from './navigation';
import { useAsync } from './useAsync';

type Area = AreaKey;

interface AreaSpec {
  label: string;
  icon: ReactNode;
  /** Areas whose issue has not landed yet are shown disabled rather than as empty screens. */
  render?: (session: SessionInfo, refresh: () => void) => ReactNode;
}

const AREAS: Record<Area, AreaSpec> = {
  ledger: { label: '登记台账', icon: <UnorderedListOutlined />, render: () => <CasesArea /> },
  alerts: { label: '预警督办', icon: <AlertOutlined />, render: () => <AlertsArea /> },
  repeats: { label: '重复件', icon: <BranchesOutlined />, render: () => <RepeatsArea /> },
  visits: { label: '下访走访', icon: <EnvironmentOutlined />, render: () => <VisitsArea /> },
  archive: { label: '档案', icon: <FolderOpenOutlined />, render: () => <ArchiveArea /> },
  documents: { label: '文书', icon: <FileTextOutlined />, render: () => <DocumentsArea /> },
  statistics: { label: '统计通报', icon: <BarChartOutlined />, render: () => <StatisticsArea /> },
  exchange: { label: '交换', icon: <SwapOutlined />, render: () => <ExchangeArea /> },
  settings: { label: '设置', icon: <SettingOutlined />, render: (session, refresh) => <SettingsPage session={session} onSessionChanged={refresh} /> },
};

/** Reports the user's activity to the backend at most once a minute, so the idle lock counts real idleness. */
function useActivityReport(active: boolean) {
  useEffect(() => {
    if (!active) return;
    let last = 0;
    const report = () => {
      if (Date.now() - last < 60_000) return;
      last = Date.now();
      void api['auth.touch']({}).catch(() => undefined);
    };
    const events = ['keydown', 'mousedown', 'wheel'] as const;
    events.forEach((e) => window.addEventListener(e, report, { passive: true }));
    return () => events.forEach((e) => window.removeEventListener(e, report));
  }, [active]);
}

function Frame({ session, refresh }: { session: SessionInfo; refresh: () => void }) {
  const info = useAsync(() => api['app.info']({}));
  const settings = useAsync(() => api['settings.get']({}));
  const [area, setArea] = useState<Area>('ledger');
  const [changingPassword, setChangingPassword] = useState(false);
  useEffect(() => onEvent('settings.changed', (s) => settings.setValue(s)), [settings.setValue]);
  // Files recovered from a backup while the records are read after login.
  useEffect(() => onEvent('store.recovered', () => void info.reload()), [info.reload]);
  useEffect(() => onNavigate((target) => setArea(target.area)), []);
  const user = session.user!;

  if (info.error || settings.error) return <Result status="error" title="无法读取数据" subTitle={info.error ?? settings.error} />;
  if (!info.value || !settings.value) return <Spin size="large" style={{ display: 'block', marginTop: 120 }} />;
  if (!settings.value.office) {
    return user.permissions.includes('settings.write') ? (
      <SetupPage onDone={() => { void settings.reload(); void info.reload(); }} />
    ) : (
      <Result status="info" title="本机尚未完成初始设置" subTitle="请管理员登录并填写本机关信息。" />
    );
  }

  return (
    <Layout style={{ minHeight: '100%' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', background: '#8b0000' }}>
        <span className="app-title">信访举报工作台</span>
        <span className="app-office" data-testid="office-name">{settings.value.office.shortName}</span>
        <span style={{ flex: 1 }} />
        <Dropdown
          menu={{
            items: [
              { key: 'password', label: '修改密码' },
              { key: 'logout', label: '退出登录' },
            ],
            onClick: ({ key }) => {
              if (key === 'password') setChangingPassword(true);
              if (key === 'logout') void api['auth.logout']({}).finally(refresh);
            },
          }}
        >
          <span className="app-user" data-testid="current-user">
            {user.displayName}（{user.role}） <DownOutlined />
          </span>
        </Dropdown>
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
        <Layout.Content style={{ background: '#f5f5f5', overflow: 'auto' }}>{AREAS[area].render?.(session, refresh)}</Layout.Content>
      </Layout>
      <ChangePasswordModal open={changingPassword} policy={session.policy} onClose={() => setChangingPassword(false)} />
    </Layout>
  );
}

/** The app: first-run administrator, login (and unlock after idle), then the frame for the logged-in user. */
export function Shell() {
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => {
    api['auth.status']({}).then(
      (s) => {
        setSession(s);
        setError(null);
      },
      () => setError('无法连接本机服务，请确认信访举报工作台仍在运行。'),
    );
  }, []);
  useEffect(refresh, [refresh]);
  useEffect(() => onEvent('auth.changed', refresh), [refresh]);
  useEffect(() => {
    window.addEventListener(SESSION_LOST, refresh);
    return () => window.removeEventListener(SESSION_LOST, refresh);
  }, [refresh]);
  useActivityReport(Boolean(session?.user));

  if (error) return <Result status="error" title="无法连接本机服务" subTitle={error} />;
  if (!session) return <Spin size="large" style={{ display: 'block', marginTop: 120 }} />;
  if (!session.hasUsers) return <AdminSetupPage session={session} onDone={setSession} />;
  if (!session.user) return <LoginPage session={session} onLoggedIn={setSession} />;
  return (
    <SessionContext.Provider value={session}>
      <Frame key={session.user.name} session={session} refresh={refresh} />
    </SessionContext.Provider>
  );
}
