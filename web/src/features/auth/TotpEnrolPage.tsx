/** First sign-in of an administrator: scan a QR code, confirm with a first code. */
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import QRCode from 'qrcode';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../data/errors';
import { useTotpEnroll, useTotpSetup } from './auth.api';

export function TotpEnrolPage({ languageMenu, onSignOut }: { languageMenu: ReactNode; onSignOut?: () => void }) {
  const { t } = useTranslation();
  const setup = useTotpSetup();
  const enroll = useTotpEnroll();
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    if (setup.data) void QRCode.toDataURL(setup.data.otpauthUrl, { margin: 1, width: 200 }).then(setQr);
  }, [setup.data]);
  const failure = setup.error ?? enroll.error;

  return (
    <div className="login-bg">
      <Card style={{ width: 420, maxWidth: '100%' }} title={t('totp.title')} extra={languageMenu}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph>{t('totp.intro')}</Typography.Paragraph>
          {failure && <Alert type="error" showIcon message={errorText(failure)} />}
          {setup.data && (
            <>
              {qr && <img src={qr} alt="TOTP QR" width={200} height={200} style={{ display: 'block', margin: '0 auto' }} />}
              <Typography.Text type="secondary">{t('totp.secret')}: </Typography.Text>
              <Typography.Text code copyable data-testid="totp-secret">{setup.data.secret}</Typography.Text>
            </>
          )}
          <Form layout="inline" onFinish={(v: { code: string }) => void enroll.run(v)} style={{ marginTop: 12 }}>
            <Form.Item name="code" rules={[{ required: true, pattern: /^\d{6}$/ }]}>
              <Input placeholder="123456" inputMode="numeric" maxLength={6} autoComplete="one-time-code" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={enroll.pending}>{t('totp.confirm')}</Button>
          </Form>
          {onSignOut && <Button type="link" style={{ paddingInline: 0 }} onClick={onSignOut} data-testid="forced-sign-out">{t('nav.logout')}</Button>}
        </Space>
      </Card>
    </div>
  );
}
