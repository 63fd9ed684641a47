/**
 * The figures of 调解态势: key cards with how each is computed, disputes per day, and the tables by committee level,
 * committee, room, mediator and category. A committee or a category opens the workbench filtered to it.
 */
import { useMemo } from 'react';
import { Card, Col, Row, Statistic, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ResponsiveTable } from '../../ui/ResponsiveTable';
import { Chart } from '../dashboard/Chart';
import type { MediationKpis } from './mediation-overview.api';
import { everyDay, keyFigures, suppressedDays, trendOption, trendSeries } from './mediation-overview.option';
import { countOf, Defined, Figure, rateOf } from './Figure';

type Counted = { registered: number | null; mediated: number | null; agreed: number | null; failed: number | null; referred: number | null; refused: number | null; successRate: number | null };

/** The count columns every breakdown table shares, after its own first columns. */
function useCountColumns<T extends Counted>(below: number) {
  const { t } = useTranslation();
  const count = (k: keyof Counted) => ({ title: t(`mediationStats.${k}`), key: k, width: 90, render: (_: unknown, r: T) => countOf(r[k], below) });
  return [
    count('registered'), count('mediated'), count('agreed'),
    { title: t('mediationStats.successRate'), key: 'successRate', width: 100, render: (_: unknown, r: T) => rateOf(r.successRate, r.mediated, below) },
    count('failed'), count('referred'), count('refused'),
  ];
}

const clickable = (open: () => void) => ({ onClick: open, style: { cursor: 'pointer' } });

export function OverviewTab({ k }: { k: MediationKpis }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const b = k.suppressedBelow;
  const counts = useCountColumns<Counted>(b);
  const days = useMemo(() => everyDay(k.trend, k.from, k.to), [k]);
  const trend = useMemo(() => trendOption(days, b, Object.fromEntries(trendSeries.map((s) => [s, t(`mediationStats.${s}`)])) as Record<(typeof trendSeries)[number], string>), [days, b, t]);
  const hiddenDays = suppressedDays(k.trend);
  // The workbench's register (every box), filtered; the committee and category filters are its own.
  const openWorkbench = (filter: 'committeeId' | 'category', value: string) => navigate(`/mediation?box=all&${filter}=${encodeURIComponent(value)}`);
  const pages = (n: number) => (n > 10 ? { pageSize: 10 } : false);
  type Level = MediationKpis['byLevel'][number];
  type Committee = MediationKpis['byCommittee'][number];
  type RoomRow = MediationKpis['byRoom'][number];
  type Mediator = MediationKpis['byMediator'][number];
  type Category = MediationKpis['byCategory'][number];
  return (
    <>
      <Row gutter={[12, 12]} data-testid="mov-cards">
        {keyFigures(k).map(({ name, shown }) => (
          <Col xs={12} sm={8} lg={6} xl={3} key={name}>
            <Card size="small" style={{ height: '100%' }}>
              <Statistic title={<Defined name={name}>{t(`mediationStats.${name}`)}</Defined>} value={shown.text} valueRender={() => <Figure shown={shown} below={b} testId={`mov-${name}`} />} valueStyle={{ fontSize: 22 }} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('mediationStats.trend')}>
            <Chart option={trend} height={260} testId="mov-trend" />
            {hiddenDays > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('mediationStats.hiddenDays', { days: hiddenDays, n: b })}</Typography.Text>}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('mediationStats.byLevel')}>
            <ResponsiveTable<Level> rowKey="key" size="small" pagination={false} dataSource={k.byLevel} data-testid="mov-levels"
              columns={[{ title: t('mediationStats.level'), key: 'name', width: 150, render: (_: unknown, r: Level) => t(`mediation.level.${r.key}`) }, ...counts.slice(0, 4)]} />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t('mediationStats.byCommittee')} extra={<Typography.Text type="secondary">{t('mediationStats.clickToOpen')}</Typography.Text>}>
            <ResponsiveTable<Committee> rowKey="key" size="small" dataSource={k.byCommittee} pagination={pages(k.byCommittee.length)} data-testid="mov-committees"
              onRow={(r) => clickable(() => openWorkbench('committeeId', r.key))}
              columns={[{ title: t('mediationStats.committee'), dataIndex: 'name' }, { title: t('mediationStats.level'), key: 'level', width: 170, render: (_: unknown, r: Committee) => t(`mediation.level.${r.level}`) }, ...counts]} />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t('mediationStats.byCategory')} extra={<Typography.Text type="secondary">{t('mediationStats.clickToOpen')}</Typography.Text>}>
            <ResponsiveTable<Category> rowKey="key" size="small" dataSource={k.byCategory} pagination={false} data-testid="mov-categories"
              onRow={(r) => clickable(() => openWorkbench('category', r.key))}
              columns={[{ title: t('mediationStats.category'), key: 'name', render: (_: unknown, r: Category) => t(`mediation.cat.${r.key}`, { defaultValue: r.name }) }, ...counts]} />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t('mediationStats.byRoom')}>
            <ResponsiveTable<RoomRow> rowKey="key" size="small" dataSource={k.byRoom} pagination={pages(k.byRoom.length)} data-testid="mov-rooms"
              columns={[
                { title: t('mediationStats.room'), key: 'name', render: (_: unknown, r: RoomRow) => (r.key ? r.name : t('mediationStats.noRoom')) },
                { title: t('mediationStats.mode'), key: 'mode', width: 100, render: (_: unknown, r: RoomRow) => (r.mode ? <Tag>{t(`mediation.mode.${r.mode}`)}</Tag> : '—') },
                { title: t('mediationStats.committee'), key: 'committee', render: (_: unknown, r: RoomRow) => r.committee ?? '—' },
                ...counts,
              ]} />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={<Defined name="byMediator">{t('mediationStats.byMediator')}</Defined>}>
            <ResponsiveTable<Mediator> rowKey="key" size="small" dataSource={k.byMediator} pagination={pages(k.byMediator.length)} data-testid="mov-mediators"
              columns={[
                { title: t('mediationStats.mediator'), dataIndex: 'name', width: 120 },
                { title: t('mediationStats.committee'), dataIndex: 'committee' },
                ...(['accepted', 'mediated', 'agreed'] as const).map((c) => ({ title: t(`mediationStats.${c}`), dataIndex: c, width: 90 })),
                { title: t('mediationStats.successRate'), key: 'successRate', width: 100, render: (_: unknown, r: Mediator) => rateOf(r.successRate, r.mediated, b) },
                ...(['failed', 'referred', 'refused'] as const).map((c) => ({ title: t(`mediationStats.${c}`), dataIndex: c, width: 90 })),
              ]} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
