/**
 * 指挥中心: the KPIs for my region or a sub-region, each with how it is computed in a tooltip, a trend, a ranking,
 * where cases were resolved (counts on the donut), and the overdue count that opens the 超期 list.
 */
import { useMemo, useState } from 'react';
import { Card, Col, DatePicker, Row, Space, Statistic, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import type { Me } from '../../../../core/schemas/auth.schema';
import { Chart } from './Chart';
import { childrenOption, resolvedOption, trendOption } from './kpi.option';
import { useKpis } from './dashboard.api';
import { RegionSelect, useRegionOptions } from '../../ui/RegionSelect';
import { chinaDayEnd, chinaDayStart, chinaPickerValue } from '../../data/china-clock';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** A KPI title with its definition in a tooltip (kpi.def.<name>). */
function KpiTitle({ name, title }: { name: string; title: string }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`kpi.def.${name}`)}>
      <span data-testid={`kpi-def-${name}`}>{title} <QuestionCircleOutlined style={{ color: '#999', fontSize: 12 }} /></span>
    </Tooltip>
  );
}

export function DashboardPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [region, setRegion] = useState(me.scopeCode);
  const [range, setRange] = useState<[Dayjs, Dayjs]>([chinaPickerValue().subtract(29, 'day'), chinaPickerValue()]);
  const regions = useRegionOptions();
  const k = useKpis(region, chinaDayStart(range[0]), chinaDayEnd(range[1])).data;
  const labels = { received: t('kpi.received'), closed: t('kpi.closed') };
  const trend = useMemo(() => trendOption(k?.trend ?? [], labels), [k, t]);
  const ranking = useMemo(() => childrenOption(k?.children ?? [], labels), [k, t]);
  const where = useMemo(() => resolvedOption(k ?? { resolved: 0, resolvedInVillage: 0, resolvedInTownship: 0 }, { village: t('kpi.inVillage'), township: t('kpi.inTownship'), other: t('kpi.elsewhere') }), [k, t]);

  const stat = (name: string, value: string | number, testId?: string) => (
    <Col xs={12} md={6} xl={3}>
      <Card size="small"><Statistic title={<KpiTitle name={name} title={t(`kpi.${name}`)} />} value={value} valueStyle={{ fontSize: 22 }} data-testid={testId} /></Card>
    </Col>
  );
  // The overdue list of the region shown (the whole scope when it is the user's own).
  const overdueLink = `/cases?box=overdue&sort=due${region !== me.scopeCode ? `&region=${region}` : ''}`;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <RegionSelect regions={regions} value={region} onChange={setRegion} testId="kpi-region" />
        <DatePicker.RangePicker value={range} onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])} allowClear={false} />
      </Space>
      {k && (
        <>
          <Row gutter={[12, 12]} data-testid="kpi-cards">
            {stat('received', k.received, 'kpi-received')}
            {stat('closed', k.closed, 'kpi-closed')}
            {stat('closeRate', pct(k.closeRate))}
            {stat('onTimeRate', pct(k.onTimeRate), 'kpi-on-time')}
            {stat('satisfactionRate', pct(k.satisfactionRate))}
            {stat('villageShare', pct(k.villageResolvedShare), 'kpi-village-share')}
            {stat('townshipShare', pct(k.townshipResolvedShare), 'kpi-township-share')}
            {stat('firstResponse', k.medianFirstResponseMinutes === null ? '—' : `${k.medianFirstResponseMinutes} ${t('kpi.minutes')}`)}
          </Row>
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={14}><Card size="small" title={t('kpi.trend')}><Chart option={trend} testId="chart-trend" /></Card></Col>
            <Col xs={24} md={12} xl={5}><Card size="small" title={<KpiTitle name="whereResolved" title={t('kpi.whereResolved')} />}><Chart option={where} /></Card></Col>
            <Col xs={24} md={12} xl={5}>
              <Card size="small" title={<KpiTitle name="overdueNow" title={t('kpi.overdueNow')} />} hoverable onClick={() => navigate(overdueLink)} data-testid="kpi-overdue" style={{ cursor: 'pointer' }}>
                <Statistic value={k.overdueNow} valueStyle={{ color: k.overdueNow ? '#cf1322' : '#389e0d', fontSize: 48 }} />
                <Typography.Link>{t('kpi.openOverdue')}</Typography.Link>
              </Card>
            </Col>
            <Col span={24}><Card size="small" title={t('kpi.ranking')}><Chart option={ranking} height={Math.max(200, 28 * Math.min(15, k.children.length) + 60)} /></Card></Col>
          </Row>
        </>
      )}
    </Space>
  );
}
