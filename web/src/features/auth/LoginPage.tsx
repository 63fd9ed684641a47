/** Sign-in: username and password, then the TOTP code when the account has one. */
import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { LockOutlined, UserOutlined, SafetyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../core/schemas/auth.schema';
import { api, ApiError } from '../../api';

export function LoginPage({ onSignedIn, languageMenu }: { onSignedIn: (me: Me) => void; languageMenu: ReactNode }) {
  const { t } = useTranslation();
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: { username: string; password: string; totp?: string }) => {
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api<Me>('/api/auth/login', { method: 'POST', body: { ...v, totp: v.totp || undefined } }));
    } catch (e) {
      if (e instanceof ApiError && e.body.code === 'TOTP_REQUIRED') setNeedTotp(true);
      else setError(e instanceof ApiError ? e.body.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-bg">
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('app.title')} <Typography.Text type="secondary" style={{ fontSize: 14 }}>{t('app.subtitle')}</Typography.Text>
            </Typography.Title>
            {languageMenu}
          </div>
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
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('login.submit')}
            </Button>
          </Form>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('login.demoHint')}</Typography.Text>
        </Space>
      </Card>
    </div>
  );
}
