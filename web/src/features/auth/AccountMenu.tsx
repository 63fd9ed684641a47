/** The header's account menu: who is signed in (name, role, scope), change one's own password, sign out. */
import { Button, Dropdown, Grid as AntGrid, Typography } from 'antd';
import { DownOutlined, LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../core/schemas/auth.schema';
import { whoText } from './who';

export function AccountMenu({ me, onChangePassword, onSignOut }: { me: Me; onChangePassword: () => void; onSignOut: () => void }) {
  const { t } = useTranslation();
  const screens = AntGrid.useBreakpoint();
  const who = whoText(me, t);
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'who', disabled: true, label: <Typography.Text type="secondary" style={{ fontSize: 12 }}>{who}</Typography.Text> },
          { type: 'divider' },
          { key: 'password', icon: <LockOutlined />, label: t('password.title') },
          { key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout') },
        ],
        onClick: ({ key }) => (key === 'password' ? onChangePassword() : key === 'logout' ? onSignOut() : undefined),
      }}
    >
      <Button type="text" data-testid="account-menu" aria-label={t('account.menu', { name: me.displayName })} style={{ paddingInline: 8 }}>
        <UserOutlined />
        <Typography.Text data-testid="whoami" ellipsis style={{ maxWidth: screens.md ? 420 : 120 }}>
          {screens.md ? who : me.scopeName}
        </Typography.Text>
        <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}
