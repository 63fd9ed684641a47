/** The auditor's view: the audit log in words (who, what, on what, outcome), searchable, newest first, and a check of its hash chain. */
import { Alert, Button, Space, Tag, Tooltip, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TFunction } from 'i18next';
import { formatTime } from '../../format';
import type { AuditEntry } from '../../../../core/schemas/audit.response';
import { auditActionLabel } from '../../../../core/audit-labels';
import type { Locale } from '../../../../core/errors';
import { usePagedList } from '../../data/use-paged-list';
import { useUrlState } from '../../data/url-state';
import { useVerifyAudit } from './audit.api';
import { AuditFilters, auditFilterDefaults } from './AuditFilters';
import { ResponsiveTable } from '../../ui/ResponsiveTable';

const outcomeColour: Record<string, string> = { success: 'green', failure: 'orange', denied: 'red' };

/** Who acted, in words: an account's name and role, else 群众, 系统, 演示数据… */
function actorText(a: AuditEntry['actor'], t: TFunction): string {
  if (a.kind === 'user') return `${a.name} · ${t(`role.${a.role}`)}`;
  if (a.kind === 'token') return `${t('audit.actorKind.token')} ${a.name ?? ''}`.trim();
  return t(`audit.actorKind.${a.kind}`);
}

/** What was acted on, in words: a case by its code (a link), an account by name, else the type in words (the id in a tooltip). */
function ObjectCell({ r }: { r: AuditEntry }) {
  const { t } = useTranslation();
  if (!r.objectType) return <>—</>;
  const type = t(`audit.objectType.${r.objectType}`, { defaultValue: t('audit.objectType.other') });
  if (r.objectType === 'case' && r.objectId) return <>{type} <Link to={`/cases/${r.objectId}`}>{r.objectId}</Link></>;
  if (r.objectName) return <>{type} {r.objectName}</>;
  if (!r.objectId) return <>{type}</>;
  return (
    <Tooltip title={r.objectId}>
      {type} <Typography.Text type="secondary" copyable={{ text: r.objectId }}>{r.objectId.slice(0, 8)}</Typography.Text>
    </Tooltip>
  );
}

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [f, set] = useUrlState(auditFilterDefaults);
  const list = usePagedList<AuditEntry>({ path: '/api/audit', pageSize: 50, params: f });
  const check = useVerifyAudit();
  const verify = check.data;
  const locale = i18n.language as Locale;
  const pickedName = f.actorId ? list.items.find((r) => r.actor.kind === 'user')?.actor : undefined;

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <AuditFilters f={f} set={(patch) => set({ ...patch, page: undefined })} actorName={pickedName ? actorText(pickedName, t) : null} />
      <Button icon={<SafetyCertificateOutlined />} loading={check.pending} onClick={() => void check.run(undefined)}>
        {t('audit.verify')}
      </Button>
      {verify && (verify.ok
        ? <Alert type="success" showIcon message={t('audit.ok', { n: verify.checked })} />
        : <Alert type="error" showIcon message={verify.firstBroken
          ? t('audit.broken', { id: verify.firstBroken.id, reason: verify.firstBroken.reason })
          : t(`audit.anchors.${verify.anchors?.problem ?? 'missing'}`, { line: verify.anchors?.line })} />)}
      <ResponsiveTable rowKey="id" size="small" {...list.tableProps} scroll={{ x: 900 }} data-testid="audit-table"
        columns={[
          // On a phone the row number and address give way to who, what and on what.
          { title: '#', dataIndex: 'id', width: 70, responsive: ['md'] },
          { title: t('audit.at'), dataIndex: 'at', width: 170, render: (v: string) => formatTime(v) },
          { title: t('audit.actor'), render: (_: unknown, r: AuditEntry) => actorText(r.actor, t) },
          { title: t('audit.action'), dataIndex: 'action', render: (a: string) => <Tooltip title={a}>{auditActionLabel(a, locale)}</Tooltip> },
          { title: t('audit.object'), render: (_: unknown, r: AuditEntry) => <ObjectCell r={r} /> },
          { title: t('audit.outcome'), dataIndex: 'outcome', width: 90, render: (o: string) => <Tag color={outcomeColour[o] ?? 'default'}>{t(`audit.outcomeWord.${o}`, { defaultValue: o })}</Tag> },
          { title: t('audit.ip'), dataIndex: 'ip', width: 130, responsive: ['md'] },
        ]} />
    </Space>
  );
}
