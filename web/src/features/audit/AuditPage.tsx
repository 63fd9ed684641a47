/** The auditor's view: the audit log, newest first, and a check of its hash chain. */
import { Alert, Button, Space, Table, Tag } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../format';
import type { AuditRow } from '../../../../core/schemas/users.response';
import { usePagedList } from '../../data/use-paged-list';
import { useVerifyAudit } from './audit.api';

export function AuditPage() {
  const { t } = useTranslation();
  const list = usePagedList<AuditRow>({ path: '/api/audit', pageSize: 50 });
  const check = useVerifyAudit();
  const verify = check.data;

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button icon={<SafetyCertificateOutlined />} loading={check.pending} onClick={() => void check.run(undefined)}>
        {t('audit.verify')}
      </Button>
      {verify && (verify.ok
        ? <Alert type="success" showIcon message={t('audit.ok', { n: verify.checked })} />
        : <Alert type="error" showIcon message={verify.firstBroken
          ? t('audit.broken', { id: verify.firstBroken.id, reason: verify.firstBroken.reason })
          : t(`audit.anchors.${verify.anchors?.problem ?? 'missing'}`, { line: verify.anchors?.line })} />)}
      <Table rowKey="id" size="small" {...list.tableProps} scroll={{ x: 800 }}
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
