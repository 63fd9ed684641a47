/** Sign-in: username and password, then the TOTP code when the account has one. */
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { LockOutlined, UserOutlined, SafetyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../core/schemas/auth.schema';
import { ApiError } from '../../api';
import { errorText } from '../../data/errors';
import { takeSignInNotice, useLogin } from './auth.api';
import { useClientConfig } from '../../data/client-config';
import { Panel } from '../../ui/Panel';

export function LoginPage({ onSignedIn, languageMenu }: { onSignedIn: (me: Me) => void; languageMenu: ReactNode }) {
  const { t } = useTranslation();
  const [needTotp, setNeedTotp] = useState(false);
  const [notice] = useState(takeSignInNotice);
  const login = useLogin(onSignedIn);
  // The demo password belongs only to a database the demo seed filled.
  const demo = useClientConfig().data?.demo === true;
  const submit = (v: { username: string; password: string; totp?: string }) => void login.run({ ...v, totp: v.totp || undefined });
  // TOTP_REQUIRED is not a failure to show: it asks for the second field.
  const totpAsked = login.error instanceof ApiError && login.error.body.code === 'TOTP_REQUIRED';
  useEffect(() => {
    if (totpAsked) setNeedTotp(true);
  }, [totpAsked]);
  const error = login.error && !totpAsked ? errorText(login.error) : null;

  return (
    <div className="login-bg">
      <Panel style={{ width: 380, maxWidth: '100%' }}>
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('app.title')} <Typography.Text type="secondary" style={{ fontSize: 14 }}>{t('app.subtitle')}</Typography.Text>
            </Typography.Title>
            {languageMenu}
          </div>
          {notice && !error && <Alert type="success" showIcon message={t(notice)} data-testid="sign-in-notice" />}
          {error && <Alert type="error" showIcon message={error} data-testid="login-error" />}
          <Form layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item name="username" label={t('login.username')} rules={[{ required: true }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            {needTotp && (
              <Form.Item name="totp" label={t('login.totp')} extra={t('login.totpHint')} rules={[{ required: true, pattern: /^\d{6}$/ }]}>
                <Input prefix={<SafetyOutlined />} inputMode="numeric" maxLength={6} autoComplete="one-time-code" autoFocus />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit" block loading={login.pending}>
              {t('login.submit')}
            </Button>
          </Form>
          {demo && <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="demo-hint">{t('login.demoHint')}</Typography.Text>}
        </Space>
      </Panel>
    </div>
  );
}
