/** The signed-in frame: a forced password change or TOTP enrolment first, then the menu (from permissions) and the page. */
import { useEffect, useState } from 'react';
import { Layout, Menu, Space, Spin, Grid as AntGrid } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { setSignedOutHandler } from './api';
import { setSignedIn, useLogout, useMe } from './features/auth/auth.api';
import { PasswordChangePage } from './features/auth/PasswordChangePage';
import { AccountMenu } from './features/auth/AccountMenu';
import { TotpEnrolPage } from './features/auth/TotpEnrolPage';
import { NotificationBell } from './features/notifications/NotificationBell';
import { LanguageMenu } from './LanguageMenu';
import { pagesFor } from './pages';

export function Shell() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { data: me, isPending } = useMe();
  const [changingPassword, setChangingPassword] = useState(false);
  const screens = AntGrid.useBreakpoint();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const logout = useLogout();
  useEffect(() => setSignedOutHandler(() => setSignedIn(qc, null)), [qc]);

  if (isPending) return <Spin style={{ margin: 80 }} />;
  // Signed out: the page's guard sends the visitor to sign-in with this address to come back to.
  if (!me) return <Outlet />;
  const signedOut = () => setSignedIn(qc, null);
  // A changed password ends every session: back to sign-in with the new one.
  // A forced step can always be left by signing out (another person at the desk, the wrong account).
  if (me.stage === 'password') return <PasswordChangePage forced onDone={signedOut} onSignOut={() => void logout()} languageMenu={<LanguageMenu />} />;
  if (me.stage === 'enrol') return <TotpEnrolPage onSignOut={() => void logout()} languageMenu={<LanguageMenu />} />;
  if (changingPassword) return <PasswordChangePage forced={false} onDone={() => { setChangingPassword(false); signedOut(); }} onCancel={() => setChangingPassword(false)} languageMenu={<LanguageMenu />} />;

  const allowed = pagesFor(me);
  const current = [...allowed].sort((a, b) => b.path.length - a.path.length).find((p) => pathname === p.path || pathname.startsWith(`${p.path}/`));
  return (
    <Layout style={{ minHeight: '100%' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={screens.xs ? 0 : 64} theme="dark">
        <div className="brand">
          {t('app.title')}
          <div style={{ fontSize: 12, fontWeight: 400, opacity: 0.75 }}>{t('app.subtitle')}</div>
        </div>
        <Menu theme="dark" mode="inline" selectedKeys={[current?.path ?? '/']} items={allowed.map((p) => ({ key: p.path, icon: p.icon, label: t(p.key) }))} onClick={({ key }) => navigate(key)} />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 16px', display: 'flex', justifyContent: 'flex-end', alignItems: 'center' }}>
          <Space size={screens.md ? 'middle' : 'small'}>
            <LanguageMenu />
            <NotificationBell />
            <AccountMenu me={me} onChangePassword={() => setChangingPassword(true)} onSignOut={() => void logout()} />
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 16 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
