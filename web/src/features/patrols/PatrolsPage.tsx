/**
 * 巡查 (一日一巡) for leaders and operators: over a region of their scope (picked by name) and a range of China days,
 * the share of days patrolled per township, grid or worker as bars and a table, then the patrols themselves (who,
 * where, when in Beijing time, how far, the cases their findings became). A patrol opens in a drawer; its track is
 * personal data, so it is fetched (and audited) only when the user asks for it.
 */
import { useMemo, useState } from 'react';
import { Card, Col, DatePicker, Row, Segmented, Space, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../core/schemas/auth.schema';
import { useUrlState } from '../../data/url-state';
import { chinaPickerValue } from '../../data/china-clock';
import { formatTime } from '../../format';
import { ResponsiveTable } from '../../ui/ResponsiveTable';
import { Chart } from '../dashboard/Chart';
import { RegionSelect, useRegionOptions } from '../../ui/RegionSelect';
import { useCompliance, usePatrols, type PatrolRow } from './patrols.api';
import { complianceOption, complianceRows, km, percent, rateColour, type ComplianceLevel, type ComplianceRow } from './patrols.option';
import { FindingLinks, PatrolDrawer } from './PatrolDrawer';

const levels: ComplianceLevel[] = ['township', 'grid', 'worker'];

export function PatrolsPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const defaults = useMemo(() => ({ region: me.scopeCode, from: '', to: '', by: '', page: '1' }), [me.scopeCode]);
  const [f, setF] = useUrlState(defaults);
  const [open, setOpen] = useState<PatrolRow | null>(null);
  const regions = useRegionOptions();
  // A county or wider compares its townships; a township or a village its grids.
  const level = (f.by || (f.region.slice(6) === '000000' ? 'township' : 'grid')) as ComplianceLevel;
  const c = useCompliance(f.region, f.from, f.to);
  const list = usePatrols(f.region, c.data?.from ?? f.from, c.data?.to ?? f.to, Number(f.page) || 1);
  const rows = complianceRows(c.data, level);
  const option = useMemo(() => complianceOption(rows, t('patrols.rate')), [rows, t]);
  const totals = (c.data?.grids ?? []).reduce((s, g) => ({ patrols: s.patrols + g.patrols, distanceM: s.distanceM + g.distanceM, findings: s.findings + g.findings }), { patrols: 0, distanceM: 0, findings: 0 });
  const overall = c.data ? (c.data.grids.length ? c.data.grids.reduce((n, g) => n + g.patrolledDays, 0) / (c.data.grids.length * c.data.days) : 0) : null;
  const range = c.data ? [chinaPickerValue(`${c.data.from}T00:00:00+08:00`), chinaPickerValue(`${c.data.to}T00:00:00+08:00`)] as const : null;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Text type="secondary">{t('patrols.intro')}</Typography.Text>
      <Space wrap>
        <RegionSelect regions={regions} value={f.region} onChange={(v) => setF({ region: v, by: '', page: '1' })} testId="patrol-region" />
        <DatePicker.RangePicker allowClear={false} value={range ? [range[0], range[1]] : null} data-testid="patrol-range"
          onChange={(v) => v && v[0] && v[1] && setF({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD'), page: '1' })} />
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('patrols.overall')} value={overall === null ? '-' : percent(overall)} valueStyle={overall !== null ? { color: rateColour(overall) } : undefined} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('patrols.count')} value={c.data ? totals.patrols : '-'} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('patrols.distance')} value={c.data ? km(totals.distanceM) : '-'} suffix={t('patrols.km')} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('patrols.findings')} value={c.data ? totals.findings : '-'} /></Card></Col>
      </Row>
      <Card size="small" title={t('patrols.complianceTitle', { days: c.data?.days ?? '-' })}>
        {/* In the body, not the title bar: beside the title it cut the title off on a phone. */}
        <Segmented value={level} onChange={(v) => setF({ by: String(v) })} options={levels.map((l) => ({ value: l, label: t(`patrols.by.${l}`) }))} data-testid="patrol-level" style={{ marginBottom: 8 }} />
        {rows.length ? <Chart option={option} height={Math.max(160, 30 * Math.min(20, rows.length) + 48)} testId="patrol-chart" /> : <Typography.Text type="secondary">{t('patrols.none')}</Typography.Text>}
        <ResponsiveTable<ComplianceRow> rowKey="key" size="small" loading={c.isLoading} dataSource={rows} pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false} data-testid="patrol-compliance" style={{ marginTop: 12 }}
          columns={[
            { title: t(`patrols.by.${level}`), dataIndex: 'name' },
            { title: t('patrols.rate'), dataIndex: 'rate', width: 100, render: (v: number) => <Typography.Text strong style={{ color: rateColour(v) }}>{percent(v)}</Typography.Text> },
            { title: t('patrols.patrolledDays'), key: 'days', width: 120, render: (_: unknown, r: ComplianceRow) => t('patrols.daysOf', { n: r.patrolledDays, of: level === 'township' ? r.days * ((r as { grids?: number }).grids ?? 1) : r.days }) },
            { title: t('patrols.count'), dataIndex: 'patrols', width: 90 },
            { title: t('patrols.minutes'), dataIndex: 'minutes', width: 100 },
            { title: t('patrols.distanceKm'), dataIndex: 'distanceM', width: 100, render: (v: number) => km(v) },
            { title: t('patrols.findings'), dataIndex: 'findings', width: 90 },
          ]} />
      </Card>
      <Typography.Title level={5}>{t('patrols.list', { n: list.data?.total ?? 0 })}</Typography.Title>
      <ResponsiveTable<PatrolRow> rowKey="id" size="middle" loading={list.isLoading} dataSource={list.data?.items ?? []} data-testid="patrol-list"
        onRow={(p) => ({ onClick: () => setOpen(p), style: { cursor: 'pointer' } })}
        pagination={{ current: Number(f.page) || 1, pageSize: 20, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (p) => setF({ page: String(p) }) }}
        columns={[
          { title: t('patrols.worker'), dataIndex: 'userName', render: (v: string) => v || t('patrols.unknownWorker') },
          { title: t('patrols.grid'), dataIndex: 'gridName' },
          { title: t('patrols.startedAt'), dataIndex: 'startedAt', render: (v: string) => formatTime(v) },
          { title: t('patrols.endedAt'), dataIndex: 'endedAt', render: (v: string | null) => (v ? formatTime(v) : t('patrols.ongoing')) },
          { title: t('patrols.distanceKm'), dataIndex: 'distanceM', width: 100, render: (v: number) => km(v) },
          { title: t('patrols.findings'), key: 'findings', render: (_: unknown, p: PatrolRow) => <FindingLinks findings={p.findings} lang={i18n.language} /> },
        ]} />
      <PatrolDrawer patrol={open} onClose={() => setOpen(null)} />
    </Space>
  );
}
