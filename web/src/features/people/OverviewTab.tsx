/**
 * 概况: how many people the grid (or the worker's whole scope) registers and how many are in each group the grid
 * workers follow (四必清: 人员类别清). Counts under 5 come back suppressed and show as "<5".
 */
import { useMemo } from 'react';
import { Card, Col, Empty, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { Chart } from '../dashboard/Chart';
import { groupsOption } from './overview.option';
import { useCodes, usePeopleStats } from './people.api';

/** The 概况 tab of a grid, township, village or the whole scope; `households` is undefined while it loads. */
export function OverviewTab({ scope, households }: { scope?: string; households?: number }) {
  const { t } = useTranslation();
  const stats = usePeopleStats(scope).data;
  const specialGroups = useCodes('special_group');
  const youthTypes = useCodes('youth_type');
  const careGroups = useCodes('care_group');
  const option = useMemo(() => {
    const names: Record<string, Record<string, string>> = { special_group: specialGroups, youth: youthTypes, care: careGroups };
    return groupsOption(stats?.counts ?? [], (c) => `${t(`people.kind.${c.kind}`)}${c.category ? ` · ${names[c.kind]?.[c.category] ?? c.category}` : ''}`, '<5');
  }, [stats, t, specialGroups, youthTypes, careGroups]);
  const small = (n: number | null) => (n === null ? '<5' : n);
  return (
    <Row gutter={[12, 12]}>
      <Col xs={12} md={6}><Card size="small"><Statistic title={t('people.totalPersons')} value={stats ? small(stats.total) : '—'} data-testid="overview-total" /></Card></Col>
      <Col xs={12} md={6}><Card size="small"><Statistic title={t('people.households')} value={households ?? '—'} data-testid="overview-households" /></Card></Col>
      <Col span={24}>
        <Card size="small" title={t('people.groups')}>
          {stats && stats.counts.length === 0 ? <Empty description={t('people.noGroups')} /> : <Chart option={option} height={Math.max(160, 30 * (stats?.counts.length ?? 0) + 40)} testId="overview-chart" />}
        </Card>
      </Col>
    </Row>
  );
}
