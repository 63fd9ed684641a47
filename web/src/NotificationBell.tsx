/** In-app notifications (delivered by the outbox), polled every 30 seconds. */
import { useEffect, useState } from 'react';
import { Badge, Button, List, Popover } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import { formatTime } from './format';

interface Note { id: number; caseId: string | null; text: string; createdAt: string; read: boolean }

export function NotificationBell() {
  const { t } = useTranslation();
  const [notes, setNotes] = useState<Note[]>([]);
  useEffect(() => {
    const load = () => void api<Note[]>('/api/notifications').then(setNotes).catch(() => undefined);
    load();
    const id = setInterval(load, 30_000);
    return () => clearInterval(id);
  }, []);
  const unread = notes.filter((n) => !n.read).length;
  return (
    <Popover
      trigger="click"
      title={t('nav.notifications')}
      onOpenChange={(o) => !o && unread && api('/api/notifications/read', { method: 'POST' }).then(() => setNotes((n) => n.map((x) => ({ ...x, read: true }))))}
      content={<List size="small" style={{ width: 320, maxHeight: 360, overflow: 'auto' }} dataSource={notes} locale={{ emptyText: '—' }} renderItem={(n) => <List.Item style={{ fontWeight: n.read ? 400 : 600 }}>{n.text}<br /><small>{formatTime(n.createdAt)}</small></List.Item>} />}
    >
      <Badge count={unread} size="small"><Button type="text" icon={<BellOutlined />} aria-label={t('nav.notifications')} /></Badge>
    </Popover>
  );
}
