/**
 * The signed-in frame: a forced password change or TOTP enrolment first, then the menu (from permissions), the page's
 * header (breadcrumbs and title) and the page. On a phone the menu is a drawer opened from the header's menu button,
 * so nothing floats over the page.
 */
import { useEffect, useState } from 'react';
import { Layout, Menu, Button, Drawer, Space, Spin, Grid as AntGrid } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
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
import { pageOf, pagesFor, type PageEntry } from './pages';
import { PageHeader, type Crumb } from './ui/PageHeader';

/** The trail to the page: 首页, then the page (linked), then its sub-path (a case code, a people tab) if any. */
function crumbsOf(page: PageEntry | undefined, pathname: string, t: (key: string) => string, has: (key: string) => boolean): Crumb[] {
  const home: Crumb = { title: t('nav.home'), to: '/' };
  if (!page || page.path === '/') return [home];
  const segment = decodeURIComponent(pathname.slice(page.path.length + 1).split('/')[0] ?? '');
  const sub = segment && page.childKey && has(page.childKey + segment) ? t(page.childKey + segment) : segment;
  return [home, { title: t(page.key), to: page.path }, ...(sub ? [{ title: sub }] : [])];
}

export function Shell() {
  const { t, i18n } = useTranslation();
  const [menuOpen, setMenuOpen] = useState(false);
  const [siderCollapsed, setSiderCollapsed] = useState(false);
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
  const current = pageOf(allowed, pathname);
  const phone = screens.md === false;
  const brand = (
    <div className="brand">
      {t('app.title')}
      {!siderCollapsed && <div className="brand-sub">{t('app.subtitle')}</div>}
    </div>
  );
  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={[current?.path ?? '/']}
      items={allowed.map((p) => ({ key: p.path, icon: p.icon, label: t(p.key) }))}
      onClick={({ key }) => {
        setMenuOpen(false);
        navigate(key);
      }}
    />
  );
  return (
    <Layout style={{ minHeight: '100%' }}>
      {phone ? (
        <Drawer placement="left" open={menuOpen} onClose={() => setMenuOpen(false)} size={248} closable={false} styles={{ body: { padding: 0, background: '#001529' } }} data-testid="menu-drawer">
          {brand}
          {menu}
        </Drawer>
      ) : (
        <Layout.Sider breakpoint="lg" collapsedWidth={64} collapsed={siderCollapsed} onBreakpoint={setSiderCollapsed} theme="dark">
          {brand}
          {menu}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="app-header">
          {phone && <Button type="text" icon={<MenuOutlined />} aria-label={t('nav.menu')} data-testid="menu-button" onClick={() => setMenuOpen(true)} />}
          {phone && <span className="app-header-brand">{t('app.title')}</span>}
          <Space size={screens.md ? 'middle' : 'small'} style={{ marginLeft: 'auto' }}>
            <LanguageMenu />
            <NotificationBell />
            <AccountMenu me={me} onChangePassword={() => setChangingPassword(true)} onSignOut={() => void logout()} />
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: phone ? 12 : 16, minWidth: 0 }}>
          <PageHeader crumbs={crumbsOf(current, pathname, t, (k) => i18n.exists(k))} />
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
