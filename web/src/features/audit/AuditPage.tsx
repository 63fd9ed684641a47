/** The auditor's view: the audit log, newest first, and a check of its hash chain. */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Space, Table, Tag } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../format';
import { api } from '../../api';

interface AuditRow { id: number; at: string; actorName: string | null; action: string; objectType: string | null; objectId: string | null; outcome: string; ip: string | null }
interface Verify { ok: boolean; checked: number; firstBroken?: { id: number; reason: string }; anchors?: { problem?: 'missing' | 'not_authentic'; line?: number } }

export function AuditPage() {
  const { t } = useTranslation();
  const [rows, setRows] = useState<AuditRow[]>([]);
  const [page, setPage] = useState(1);
  const [verify, setVerify] = useState<Verify | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => void api<{ items: AuditRow[] }>(`/api/audit?page=${page}&pageSize=50`).then((r) => setRows(r.items)), [page]);
  useEffect(load, [load]);

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button icon={<SafetyCertificateOutlined />} loading={busy} onClick={async () => { setBusy(true); try { setVerify(await api<Verify>('/api/audit/verify', { method: 'POST' })); load(); } finally { setBusy(false); } }}>
        {t('audit.verify')}
      </Button>
      {verify && (verify.ok
        ? <Alert type="success" showIcon message={t('audit.ok', { n: verify.checked })} />
        : <Alert type="error" showIcon message={verify.firstBroken
          ? t('audit.broken', { id: verify.firstBroken.id, reason: verify.firstBroken.reason })
          : t(`audit.anchors.${verify.anchors?.problem ?? 'missing'}`, { line: verify.anchors?.line })} />)}
      <Table rowKey="id" size="small" dataSource={rows} scroll={{ x: 800 }}
        pagination={{ current: page, pageSize: 50, total: rows.length < 50 ? (page - 1) * 50 + rows.length : page * 50 + 1, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: '#', dataIndex: 'id', width: 70 },
          { title: t('audit.at'), dataIndex: 'at', render: (v: string) => formatTime(v) },
          { title: t('audit.actor'), dataIndex: 'actorName' },
          { title: t('audit.action'), dataIndex: 'action' },
          { title: t('audit.object'), render: (_: unknown, r: AuditRow) => [r.objectType, r.objectId].filter(Boolean).join(' ') },
          { title: t('audit.outcome'), dataIndex: 'outcome', render: (o: string) => <Tag color={o === 'success' ? 'green' : 'red'}>{o}</Tag> },
          { title: t('audit.ip'), dataIndex: 'ip' },
        ]} />
    </Space>
  );
}
