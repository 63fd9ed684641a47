/**
 * The signed-in frame: a forced password change or TOTP enrolment first, then the menu (from permissions), the page's
 * header (breadcrumbs and title) and the page. On a phone the menu is a drawer opened from the header's menu button,
 * so nothing floats over the page.
 */
import { useEffect, useState } from 'react';
import { Layout, Menu, Button, Drawer, Space, Spin, Typography, Grid as AntGrid } from 'antd';
import { LogoutOutlined, UserOutlined, LockOutlined, MenuOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { setSignedOutHandler } from './api';
import { setSignedIn, useLogout, useMe } from './features/auth/auth.api';
import { PasswordChangePage } from './features/auth/PasswordChangePage';
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
  if (me.stage === 'password') return <PasswordChangePage forced onDone={signedOut} languageMenu={<LanguageMenu />} />;
  if (me.stage === 'enrol') return <TotpEnrolPage languageMenu={<LanguageMenu />} />;
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
  // The user's name often holds the place and the role already (浩门镇 受理员): say them only when they add something.
  const role = t(`role.${me.role}`);
  const who = [me.displayName, me.displayName.includes(role) ? null : role, me.displayName.includes(me.scopeName) ? null : me.scopeName].filter(Boolean).join(' · ');
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
            <Typography.Text data-testid="whoami" title={who} ellipsis style={{ maxWidth: screens.md ? 480 : 96, display: 'inline-block', verticalAlign: 'middle', lineHeight: 1.5 }}>
              <UserOutlined /> {screens.md ? who : me.scopeName}
            </Typography.Text>
            <Button icon={<LockOutlined />} aria-label={t('password.title')} onClick={() => setChangingPassword(true)}>
              {screens.md ? t('password.title') : null}
            </Button>
            <Button icon={<LogoutOutlined />} aria-label={t('nav.logout')} onClick={() => void logout()}>
              {screens.md ? t('nav.logout') : null}
            </Button>
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
