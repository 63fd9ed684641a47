/** The bell: unread count, the notices (a click opens the record and marks that one read), and "mark all read". */
import { useState } from 'react';
import { Badge, Button, List, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatTime } from '../../format';
import { useMarkAllRead, useMarkRead, useNotifications } from './notifications.api';
import { linkOf } from './notification-link';
import type { NotificationItem } from '../../../../core/schemas/notifications.response';

export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const list = useNotifications();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const unread = list.unread;
  const openItem = (n: NotificationItem) => {
    if (!n.read) void markRead.run(n.id);
    const to = linkOf(n);
    if (to) {
      setOpen(false);
      navigate(to);
    }
  };
  return (
    <Popover
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      title={
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          {t('nav.notifications')}
          <Button size="small" type="link" disabled={!unread} loading={markAll.pending} onClick={() => void markAll.run(undefined)} data-testid="notifications-read-all">
            {t('notifications.readAll')}
          </Button>
        </div>
      }
      content={
        <List
          size="small"
          style={{ width: 'min(340px, 86vw)', maxHeight: 360, overflow: 'auto' }}
          dataSource={list.items}
          locale={{ emptyText: t('notifications.none') }}
          data-testid="notifications"
          loadMore={list.more && (
            <div style={{ textAlign: 'center', padding: 8 }}>
              <Button size="small" loading={list.loadingMore} onClick={list.loadMore} data-testid="notifications-more">{t('notifications.more')}</Button>
            </div>
          )}
          renderItem={(n) => (
            <List.Item
              // A notice opens with the keyboard too (Tab to it, Enter or Space).
              role="button"
              tabIndex={0}
              onClick={() => openItem(n)}
              onKeyDown={(e) => {
                if (e.key !== 'Enter' && e.key !== ' ') return;
                e.preventDefault();
                openItem(n);
              }}
              style={{ cursor: linkOf(n) || !n.read ? 'pointer' : 'default', fontWeight: n.read ? 400 : 600 }}
              data-testid="notification"
            >
              <div>
                {!n.read && <Badge status="processing" style={{ marginRight: 6 }} />}
                {n.text}
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatTime(n.createdAt)}</Typography.Text>
              </div>
            </List.Item>
          )}
        />
      }
    >
      <Badge count={unread} size="small">
        <Button type="text" icon={<BellOutlined />} aria-label={t('nav.notifications')} data-testid="notification-bell" />
      </Badge>
    </Popover>
  );
}
