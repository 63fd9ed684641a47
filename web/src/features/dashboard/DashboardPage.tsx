/** 指挥中心: the first KPIs for my region or a sub-region, with a trend, a ranking and where cases were resolved. */
import { useMemo, useState } from 'react';
import { Card, Col, DatePicker, Row, Select, Space, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { Me } from '../../../../core/schemas/auth.schema';
import { Chart } from './Chart';
import { childrenOption, resolvedOption, trendOption } from './kpi.option';
import { useKpis } from './dashboard.api';
import { useRegionChildren, useRootRegion } from '../regions/regions.api';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

export function DashboardPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [region, setRegion] = useState(me.scopeCode);
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(29, 'day'), dayjs()]);
  const root = useRootRegion().data;
  const kids = useRegionChildren(root?.code).data;
  const regions = root ? [{ value: root.code, label: root.name }, ...(kids ?? []).map((c) => ({ value: c.code, label: `· ${c.name}` }))] : [];
  const k = useKpis(region, range[0].startOf('day').toISOString(), range[1].endOf('day').toISOString()).data;
  const labels = { received: t('kpi.received'), closed: t('kpi.closed') };
  const trend = useMemo(() => trendOption(k?.trend ?? [], labels), [k, t]);
  const ranking = useMemo(() => childrenOption(k?.children ?? [], labels), [k, t]);
  const where = useMemo(() => resolvedOption(k ?? { resolved: 0, resolvedInVillage: 0, resolvedInTownship: 0 }, { village: t('kpi.inVillage'), township: t('kpi.inTownship'), other: t('kpi.elsewhere') }), [k, t]);

  const stat = (title: string, value: string | number, testId?: string) => (
    <Col xs={12} md={6} xl={3}>
      <Card size="small"><Statistic title={title} value={value} valueStyle={{ fontSize: 22 }} data-testid={testId} /></Card>
    </Col>
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Select style={{ minWidth: 220 }} value={region} options={regions} onChange={setRegion} data-testid="kpi-region" />
        <DatePicker.RangePicker value={range} onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])} allowClear={false} />
      </Space>
      {k && (
        <>
          <Row gutter={[12, 12]} data-testid="kpi-cards">
            {stat(t('kpi.received'), k.received, 'kpi-received')}
            {stat(t('kpi.closed'), k.closed, 'kpi-closed')}
            {stat(t('kpi.closeRate'), pct(k.closeRate))}
            {stat(t('kpi.onTimeRate'), pct(k.onTimeRate))}
            {stat(t('kpi.satisfactionRate'), pct(k.satisfactionRate))}
            {stat(t('kpi.villageShare'), pct(k.villageResolvedShare), 'kpi-village-share')}
            {stat(t('kpi.townshipShare'), pct(k.townshipResolvedShare), 'kpi-township-share')}
            {stat(t('kpi.firstResponse'), k.medianFirstResponseMinutes === null ? '—' : `${k.medianFirstResponseMinutes} ${t('kpi.minutes')}`)}
          </Row>
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={14}><Card size="small" title={t('kpi.trend')}><Chart option={trend} testId="chart-trend" /></Card></Col>
            <Col xs={24} md={12} xl={5}><Card size="small" title={t('kpi.whereResolved')}><Chart option={where} /></Card></Col>
            <Col xs={24} md={12} xl={5}>
              <Card size="small" title={t('kpi.overdueNow')}>
                <Statistic value={k.overdueNow} valueStyle={{ color: k.overdueNow ? '#cf1322' : '#389e0d', fontSize: 48 }} />
                <Typography.Text type="secondary">{t('kpi.overdueHint')}</Typography.Text>
              </Card>
            </Col>
            <Col span={24}><Card size="small" title={t('kpi.ranking')}><Chart option={ranking} height={Math.max(200, 28 * Math.min(15, k.children.length) + 60)} /></Card></Col>
          </Row>
        </>
      )}
    </Space>
  );
}
