/** The shell: sign-in, a forced password change, TOTP enrolment, then a layout whose menu is built from the user's permissions. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { App as AntApp, ConfigProvider, Layout, Menu, Dropdown, Button, Space, Spin, Typography, Grid as AntGrid } from 'antd';
import { HomeOutlined, ApartmentOutlined, TeamOutlined, KeyOutlined, AuditOutlined, GlobalOutlined, LogoutOutlined, UserOutlined, FileTextOutlined, DashboardOutlined, SettingOutlined, ContactsOutlined, LockOutlined } from '@ant-design/icons';
import zhCN from 'antd/locale/zh_CN';
import zhTW from 'antd/locale/zh_TW';
import enUS from 'antd/locale/en_US';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../core/schemas/auth.schema';
import { api, setSignedOutHandler } from './api';
import { languages, setLanguage } from './i18n';
import { LoginPage } from './features/auth/LoginPage';
import { TotpEnrolPage } from './features/auth/TotpEnrolPage';
import { PasswordChangePage } from './features/auth/PasswordChangePage';
import { HomePage } from './features/home/HomePage';
import { GridBrowser } from './features/grids/GridBrowser';
import { UsersPage } from './features/users/UsersPage';
import { TokensPage } from './features/tokens/TokensPage';
import { AuditPage } from './features/audit/AuditPage';
import { CasesPage } from './features/cases/CasesPage';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { CatalogPage } from './features/catalog/CatalogPage';
import { PeoplePage } from './features/people/PeoplePage';
import { NotificationBell } from './NotificationBell';
import { navigate, usePath } from './router';

const antLocales: Record<string, typeof zhCN> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en: enUS };

/** Menu entries and the permission each needs. */
const pages = [
  { path: '/', key: 'nav.home', icon: <HomeOutlined />, permission: null, element: (me: Me) => <HomePage me={me} /> },
  { path: '/cases', key: 'nav.cases', icon: <FileTextOutlined />, permission: 'case:read', element: (me: Me) => <CasesPage me={me} /> },
  { path: '/dashboard', key: 'nav.dashboard', icon: <DashboardOutlined />, permission: 'kpi:read', element: (me: Me) => <DashboardPage me={me} /> },
  { path: '/people', key: 'nav.people', icon: <ContactsOutlined />, permission: 'person:read', element: (me: Me) => <PeoplePage me={me} /> },
  { path: '/grids', key: 'nav.grids', icon: <ApartmentOutlined />, permission: 'grid:read', element: (me: Me) => <GridBrowser me={me} /> },
  { path: '/users', key: 'nav.users', icon: <TeamOutlined />, permission: 'user:read', element: (me: Me) => <UsersPage me={me} /> },
  { path: '/tokens', key: 'nav.tokens', icon: <KeyOutlined />, permission: 'token:manage', element: (me: Me) => <TokensPage me={me} /> },
  { path: '/audit', key: 'nav.audit', icon: <AuditOutlined />, permission: 'audit:read', element: () => <AuditPage /> },
  { path: '/catalog', key: 'nav.catalog', icon: <SettingOutlined />, permission: 'catalog:manage', element: (me: Me) => <CatalogPage me={me} /> },
] as const;

export function App() {
  const { t, i18n } = useTranslation();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [changingPassword, setChangingPassword] = useState(false);
  const path = usePath();
  const screens = AntGrid.useBreakpoint();

  const load = useCallback(() => {
    api<Me>('/api/auth/me').then(setMe, () => setMe(null));
  }, []);
  useEffect(() => {
    load();
    setSignedOutHandler(() => setMe(null));
  }, [load]);

  const allowed = useMemo(() => pages.filter((p) => !p.permission || me?.permissions.includes(p.permission)), [me]);
  const current = allowed.find((p) => p.path === path) ?? allowed[0];

  const languageMenu = (
    <Dropdown menu={{ items: languages.map((l) => ({ key: l.code, label: l.label })), onClick: ({ key }) => setLanguage(key), selectedKeys: [i18n.language] }}>
      <Button type="text" icon={<GlobalOutlined />} data-testid="language-switch" aria-label={t('common.language')}>
        {screens.md !== false ? languages.find((l) => l.code === i18n.language)?.label : null}
      </Button>
    </Dropdown>
  );

  let body;
  if (me === undefined) body = <Spin style={{ margin: 80 }} />;
  else if (me === null) body = <LoginPage onSignedIn={setMe} languageMenu={languageMenu} />;
  // A changed password ends every session: back to sign-in with the new one.
  else if (me.stage === 'password') body = <PasswordChangePage forced onDone={() => setMe(null)} languageMenu={languageMenu} />;
  else if (me.stage === 'enrol') body = <TotpEnrolPage onDone={setMe} languageMenu={languageMenu} />;
  else if (changingPassword) body = <PasswordChangePage forced={false} onDone={() => { setChangingPassword(false); setMe(null); }} onCancel={() => setChangingPassword(false)} languageMenu={languageMenu} />;
  else
    body = (
      <Layout style={{ minHeight: '100%' }}>
        <Layout.Sider breakpoint="lg" collapsedWidth={screens.xs ? 0 : 64} theme="dark">
          <div className="brand">
            {t('app.title')}
            <div style={{ fontSize: 12, fontWeight: 400, opacity: 0.75 }}>{t('app.subtitle')}</div>
          </div>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[current?.path ?? '/']}
            items={allowed.map((p) => ({ key: p.path, icon: p.icon, label: t(p.key) }))}
            onClick={({ key }) => navigate(key)}
          />
        </Layout.Sider>
        <Layout>
          <Layout.Header style={{ background: '#fff', padding: '0 16px', display: 'flex', justifyContent: 'flex-end', alignItems: 'center' }}>
            <Space size={screens.md ? 'middle' : 'small'}>
              {languageMenu}
              <NotificationBell />
              <Typography.Text data-testid="whoami" ellipsis style={{ maxWidth: screens.md ? 480 : 140, display: 'inline-block', verticalAlign: 'middle', lineHeight: 1.5 }}>
                <UserOutlined /> {screens.md ? `${me.displayName} · ${t(`role.${me.role}`)} · ${me.scopeName}` : me.scopeName}
              </Typography.Text>
              <Button icon={<LockOutlined />} aria-label={t('password.title')} onClick={() => setChangingPassword(true)}>
                {screens.md ? t('password.title') : null}
              </Button>
              <Button icon={<LogoutOutlined />} aria-label={t('nav.logout')} onClick={() => api('/api/auth/logout', { method: 'POST' }).finally(() => setMe(null))}>
                {screens.md ? t('nav.logout') : null}
              </Button>
            </Space>
          </Layout.Header>
          <Layout.Content style={{ padding: 16 }}>{current?.element(me)}</Layout.Content>
        </Layout>
      </Layout>
    );

  return (
    <ConfigProvider locale={antLocales[i18n.language] ?? zhCN} theme={{ token: { colorPrimary: '#1655c0' } }}>
      <AntApp style={{ height: '100%' }}>{body}</AntApp>
    </ConfigProvider>
  );
}
