/** First sign-in of an administrator: scan a QR code, confirm with a first code. */
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import QRCode from 'qrcode';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../core/schemas/auth.schema';
import { api, ApiError } from '../../api';

export function TotpEnrolPage({ onDone, languageMenu }: { onDone: (me: Me) => void; languageMenu: ReactNode }) {
  const { t } = useTranslation();
  const [setup, setSetup] = useState<{ secret: string; otpauthUrl: string; qr: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<{ secret: string; otpauthUrl: string }>('/api/auth/totp/setup', { method: 'POST' })
      .then(async (s) => setSetup({ ...s, qr: await QRCode.toDataURL(s.otpauthUrl, { margin: 1, width: 200 }) }))
      .catch((e: ApiError) => setError(e.body?.message ?? String(e)));
  }, []);

  const confirm = async (v: { code: string }) => {
    try {
      onDone(await api<Me>('/api/auth/totp/enroll', { method: 'POST', body: v }));
    } catch (e) {
      setError(e instanceof ApiError ? e.body.message : String(e));
    }
  };

  return (
    <div className="login-bg">
      <Card style={{ width: 420, maxWidth: '100%' }} title={t('totp.title')} extra={languageMenu}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph>{t('totp.intro')}</Typography.Paragraph>
          {error && <Alert type="error" showIcon message={error} />}
          {setup && (
            <>
              <img src={setup.qr} alt="TOTP QR" width={200} height={200} style={{ display: 'block', margin: '0 auto' }} />
              <Typography.Text type="secondary">{t('totp.secret')}: </Typography.Text>
              <Typography.Text code copyable data-testid="totp-secret">{setup.secret}</Typography.Text>
            </>
          )}
          <Form layout="inline" onFinish={confirm} style={{ marginTop: 12 }}>
            <Form.Item name="code" rules={[{ required: true, pattern: /^\d{6}$/ }]}>
              <Input placeholder="123456" inputMode="numeric" maxLength={6} autoComplete="one-time-code" />
            </Form.Item>
            <Button type="primary" htmlType="submit">{t('totp.confirm')}</Button>
          </Form>
        </Space>
      </Card>
    </div>
  );
}
