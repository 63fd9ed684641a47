/**
 * Change one's password: forced after an administrator set it (session stage `password`), or by choice. Every
 * session ends on success, so the user signs in again with the new password.
 */
import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api';

export function PasswordChangePage({ forced, onDone, onCancel, languageMenu }: { forced: boolean; onDone: () => void; onCancel?: () => void; languageMenu: ReactNode }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: { currentPassword: string; newPassword: string }) => {
    setBusy(true);
    setError(null);
    try {
      await api('/api/auth/password', { method: 'POST', body: { currentPassword: v.currentPassword, newPassword: v.newPassword } });
      onDone();
    } catch (e) {
      // On this page there is no username: a refused sign-in code means the current password was wrong.
      if (e instanceof ApiError && e.body.code === 'AUTH_INVALID') setError(t('password.wrongCurrent'));
      // A weak password: say which rule it breaks (too short, too few kinds of character, common, unchanged).
      else if (e instanceof ApiError && e.body.code === 'PASSWORD_TOO_WEAK' && e.body.details?.length) setError(e.body.details.map((d) => t(`password.problem.${d.code}`, { defaultValue: e.body.message })).join(' '));
      else setError(e instanceof ApiError ? e.body.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-bg">
      <Card style={{ width: 420, maxWidth: '100%' }} title={t('password.title')} extra={languageMenu}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph>{forced ? t('password.forcedIntro') : t('password.intro')}</Typography.Paragraph>
          {error && <Alert type="error" showIcon message={error} data-testid="password-error" />}
          <Form layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true }]}>
              <Input.Password autoComplete="current-password" autoFocus />
            </Form.Item>
            <Form.Item name="newPassword" label={t('password.new')} extra={t('password.rule')} rules={[{ required: true, min: 8, max: 128 }]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label={t('password.confirm')}
              dependencies={['newPassword']}
              rules={[{ required: true }, ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))) })]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={busy}>{t('password.submit')}</Button>
              {onCancel && <Button onClick={onCancel}>{t('common.cancel')}</Button>}
            </Space>
          </Form>
        </Space>
      </Card>
    </div>
  );
}
