/**
 * 调解能手: mediators ranked by agreements, then success rate, over the period; those with fewer mediations than the
 * minimum (5 unless the user sets another) follow unranked. Equal figures share a rank, marked 并列 with the reason.
 */
import { Alert, InputNumber, Space, Tag, Tooltip, Typography } from 'antd';
import { InfoCircleOutlined, TrophyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ResponsiveTable } from '../../ui/ResponsiveTable';
import { useExperts, type MediationExperts } from './mediation-overview.api';
import { shownRate } from './mediation-overview.option';

type Row = MediationExperts['rows'][number];
const medal = ['#d4a106', '#8c8c8c', '#ad6800'];

export function ExpertsTab({ region, from, to, min, onMin }: { region: string; from: string; to: string; min: number | undefined; onMin: (n: number | null) => void }) {
  const { t } = useTranslation();
  const q = useExperts(region, from, to, min);
  const rows = q.data?.rows ?? [];
  // A rank held by more than one row is a tie.
  const shared = new Set(rows.map((r) => r.rank).filter((r, i, all) => r !== null && all.indexOf(r) !== i));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {q.data && <Alert type="info" showIcon message={t('mediationStats.expertsOrder', { n: q.data.minMediated })} />}
      <Space>
        {t('mediationStats.minMediated')}
        <InputNumber min={1} max={1000} precision={0} value={q.data?.minMediated ?? min} onChange={(v) => onMin(v)} style={{ width: 90 }} data-testid="mov-min" />
      </Space>
      <ResponsiveTable<Row> rowKey="mediatorId" size="middle" loading={q.isLoading} dataSource={rows} pagination={rows.length > 20 ? { pageSize: 20 } : false} data-testid="mov-experts"
        columns={[
          {
            title: t('mediationStats.rank'), key: 'rank', width: 110,
            render: (_: unknown, r: Row) => (r.rank === null
              ? <Tooltip title={t('mediationStats.unranked', { n: q.data?.minMediated ?? 5 })}><Typography.Text type="secondary" data-testid="mov-rank">—</Typography.Text></Tooltip>
              : <Space size={4}>
                {r.rank <= 3 ? <TrophyOutlined style={{ color: medal[r.rank - 1] }} /> : null}
                <span data-testid="mov-rank">{r.rank}</span>
                {shared.has(r.rank) && <Tooltip title={t('mediationStats.tieWhy')}><Tag>{t('mediationStats.tie')}</Tag></Tooltip>}
                {/* The server's own words on how an equal count was ordered (Chinese, as on the payment list). */}
                {r.tie && !shared.has(r.rank) && <Tooltip title={r.tie}><InfoCircleOutlined style={{ color: '#999' }} /></Tooltip>}
              </Space>),
          },
          { title: t('mediationStats.mediator'), dataIndex: 'name', width: 120 },
          { title: t('mediationStats.committee'), dataIndex: 'committee' },
          { title: t('mediationStats.agreed'), dataIndex: 'agreed', width: 90 },
          { title: t('mediationStats.mediated'), dataIndex: 'mediated', width: 90 },
          { title: t('mediationStats.successRate'), key: 'successRate', width: 100, render: (_: unknown, r: Row) => shownRate(r.successRate, r.mediated, 0).text },
          { title: t('mediationStats.awards'), dataIndex: 'awards', render: (a: string[]) => (a.length ? a.map((x) => <Tag key={x} color="gold">{x}</Tag>) : '—') },
        ]} />
    </Space>
  );
}
