/**
 * Change one's password: forced after an administrator set it (session stage `password`), or by choice. Every
 * session ends on success, so the user signs in again with the new password.
 */
import type { ReactNode } from 'react';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError } from '../../api';
import { errorText } from '../../data/errors';
import { leaveSignInNotice, useChangePassword } from './auth.api';

/** What was wrong, in the words of this page. */
function problem(e: unknown, t: TFunction): string {
  // On this page there is no username: a refused sign-in code means the current password was wrong.
  if (e instanceof ApiError && e.body.code === 'AUTH_INVALID') return t('password.wrongCurrent');
  // A weak password: say which rule it breaks (too short, too few kinds of character, common, unchanged).
  if (e instanceof ApiError && e.body.code === 'PASSWORD_TOO_WEAK' && e.body.details?.length) return e.body.details.map((d) => t(`password.problem.${d.code}`, { defaultValue: e.body.message })).join(' ');
  return errorText(e);
}

export function PasswordChangePage({ forced, onDone, onCancel, onSignOut, languageMenu }: { forced: boolean; onDone: () => void; onCancel?: () => void; onSignOut?: () => void; languageMenu: ReactNode }) {
  const { t } = useTranslation();
  const change = useChangePassword();
  // Every session ends with the change: say so, then sign-in with the new password.
  const submit = (v: { currentPassword: string; newPassword: string }) =>
    void change.run({ currentPassword: v.currentPassword, newPassword: v.newPassword }).then((r) => {
      if (!r.ok) return;
      leaveSignInNotice('account.passwordChanged');
      onDone();
    });
  const error = change.error ? problem(change.error, t) : null;

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
              <Button type="primary" htmlType="submit" loading={change.pending}>{t('password.submit')}</Button>
              {onCancel && <Button onClick={onCancel}>{t('common.cancel')}</Button>}
              {onSignOut && <Button type="link" onClick={onSignOut} data-testid="forced-sign-out">{t('nav.logout')}</Button>}
            </Space>
          </Form>
        </Space>
      </Card>
    </div>
  );
}
