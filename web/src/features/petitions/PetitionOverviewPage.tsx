/**
 * 信访态势: the leaders' overview of petitions for their region or a sub-region over a period (both in the address):
 * key figures with how each is computed, registrations per day, the five channels, the regions below and the bodies
 * handling them, and the petitions overdue now, which opens the workbench's 超期 box. A count under five is hidden by
 * the server so that no one can be identified; it shows as "<5" with the reason, never as 0.
 */
import { useMemo, type ComponentProps, type ReactNode } from 'react';
import { Card, Col, Row, Space, Statistic, Tooltip, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../core/schemas/auth.schema';
import { ResponsiveTable } from '../../ui/ResponsiveTable';
import { Defined as SharedDefined, Figure as SharedFigure } from '../../ui/HiddenFigure';
import { RegionPeriodBar, useRegionPeriod } from '../../ui/RegionPeriod';
import { Chart } from '../dashboard/Chart';
import { usePetitionKpis, usePetitionOverdue, type PetitionKpis } from './petition-overview.api';
import { channelOption, channelOrder, everyDay, keyFigures, shownCount, shownRate, suppressedDays, trendOption } from './petition-overview.option';

type FigureProps = ComponentProps<typeof SharedFigure>;

const NS = 'petitions.ov';
const Figure = (p: Omit<FigureProps, 'ns'>) => <SharedFigure {...p} ns={NS} />;
const Defined = (p: { name: string; children: ReactNode }) => <SharedDefined {...p} ns={NS} />;

/** The regions below, with their counts and shares (a share whose count is not in the row may be hidden: its dash says so). */
function ChildrenTable({ k, canOpen, onOpen }: { k: PetitionKpis; canOpen: (code: string) => boolean; onOpen: (code: string) => void }) {
  const { t } = useTranslation();
  const b = k.suppressedBelow;
  type Row = PetitionKpis['children'][number];
  const count = (v: number | null) => <Figure shown={shownCount(v, b)} below={b} />;
  return (
    <ResponsiveTable<Row>
      rowKey="code" size="small" pagination={false} dataSource={k.children} data-testid="pov-children"
      onRow={(r) => (!r.own && canOpen(r.code) ? { onClick: () => onOpen(r.code), style: { cursor: 'pointer' } } : {})}
      columns={[
        // Petitions not located to a village count at the region's own office: 本级.
        { title: t('petitions.ov.region'), key: 'name', render: (_: unknown, r: Row) => (r.own ? <Tooltip title={t('petitions.ov.ownHint')}><span>{t('petitions.ov.own')}</span></Tooltip> : r.name) },
        { title: t('petitions.ov.registered'), key: 'registered', render: (_: unknown, r: Row) => count(r.registered) },
        { title: t('petitions.ov.collective'), key: 'collective', render: (_: unknown, r: Row) => count(r.collective) },
        { title: t('petitions.ov.skippedLevelCount'), key: 'skippedLevel', render: (_: unknown, r: Row) => count(r.skippedLevel) },
        { title: t('petitions.ov.repeated'), key: 'repeated', render: (_: unknown, r: Row) => count(r.repeated) },
        { title: t('petitions.ov.concludedInTime'), key: 'concludedInTimeRate', render: (_: unknown, r: Row) => <Figure shown={shownRate(r.concludedInTimeRate, undefined, b)} below={b} /> },
        { title: t('petitions.ov.satisfaction'), key: 'satisfactionRate', render: (_: unknown, r: Row) => <Figure shown={shownRate(r.satisfactionRate, undefined, b)} below={b} /> },
      ]}
    />
  );
}

/** The bodies handling petitions (责任单位): written notices and conclusions in time, and satisfaction. */
function BodiesTable({ k }: { k: PetitionKpis }) {
  const { t } = useTranslation();
  const b = k.suppressedBelow;
  type Row = PetitionKpis['bodies'][number];
  const count = (v: number | null) => <Figure shown={shownCount(v, b)} below={b} />;
  const rate = (v: number | null, base: number | null) => <Figure shown={shownRate(v, base, b)} below={b} />;
  return (
    <ResponsiveTable<Row>
      rowKey="key" size="small" dataSource={k.bodies} data-testid="pov-bodies" pagination={k.bodies.length > 10 ? { pageSize: 10 } : false}
      columns={[
        { title: t('petitions.ov.body'), dataIndex: 'name' },
        { title: t('petitions.ov.notified'), key: 'notified', render: (_: unknown, r: Row) => count(r.notified) },
        { title: t('petitions.ov.notifiedInTime'), key: 'notifiedInTimeRate', render: (_: unknown, r: Row) => rate(r.notifiedInTimeRate, r.notified) },
        { title: t('petitions.ov.concluded'), key: 'concluded', render: (_: unknown, r: Row) => count(r.concluded) },
        { title: t('petitions.ov.concludedInTime'), key: 'concludedInTimeRate', render: (_: unknown, r: Row) => rate(r.concludedInTimeRate, r.concluded) },
        { title: t('petitions.ov.rated'), key: 'rated', render: (_: unknown, r: Row) => count(r.rated) },
        { title: t('petitions.ov.satisfaction'), key: 'satisfactionRate', render: (_: unknown, r: Row) => rate(r.satisfactionRate, r.rated) },
      ]}
    />
  );
}

export function PetitionOverviewPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { f, setF, regions, today } = useRegionPeriod(me);
  const k = usePetitionKpis(f.region, f.from, f.to).data;
  const overdue = usePetitionOverdue(f.region === me.scopeCode ? undefined : f.region).data;
  const trend = useMemo(() => trendOption(k ? everyDay(k.trend, k.from, k.to) : [], k?.suppressedBelow ?? 5, t('petitions.ov.registered')), [k, t]);
  const channels = useMemo(() => (k ? channelOption(k.channels, k.suppressedBelow, Object.fromEntries(channelOrder.map((c) => [c, t(`petitions.channels.${c}`)])) as Record<(typeof channelOrder)[number], string>) : null), [k, t]);
  const hiddenDays = k ? suppressedDays(k.trend) : 0;
  // The workbench's overdue box of the region shown (the whole scope when it is the user's own).
  const overdueLink = `/petitions?box=overdue&sort=due${f.region !== me.scopeCode ? `&region=${f.region}` : ''}`;
  // A row of the table opens that region when the picker offers it (the regions right below mine).
  const offered = (code: string) => regions.some((r) => r.value === code);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <RegionPeriodBar f={f} setF={setF} regions={regions} today={today} testIdPrefix="pov" />
      {k && (
        <>
          <Row gutter={[12, 12]} data-testid="pov-cards">
            {keyFigures(k).map(({ name, shown }) => (
              <Col xs={12} sm={8} lg={6} xl={3} key={name}>
                <Card size="small" style={{ height: '100%' }}>
                  <Statistic title={<Defined name={name}>{t(`petitions.ov.${name}`)}</Defined>} value={shown.text} valueRender={() => <Figure shown={shown} below={k.suppressedBelow} testId={`pov-${name}`} />} valueStyle={{ fontSize: 22 }} />
                </Card>
              </Col>
            ))}
            <Col xs={12} sm={8} lg={6} xl={3}>
              <Card size="small" hoverable onClick={() => navigate(overdueLink)} style={{ height: '100%', cursor: 'pointer' }} data-testid="pov-overdue-card">
                <Statistic title={<Defined name="overdueNow">{t('petitions.ov.overdueNow')}</Defined>} value={overdue ?? '—'} valueStyle={{ fontSize: 22, color: overdue ? '#cf1322' : '#389e0d' }} valueRender={(node) => <span data-testid="pov-overdue">{node}</span>} />
                <Typography.Link>{t('petitions.ov.openOverdue')}</Typography.Link>
              </Card>
            </Col>
          </Row>
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={16}>
              <Card size="small" title={t('petitions.ov.trend')}>
                <Chart option={trend} height={260} testId="pov-trend" />
                {hiddenDays > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('petitions.ov.hiddenDays', { days: hiddenDays, n: k.suppressedBelow })}</Typography.Text>}
              </Card>
            </Col>
            <Col xs={24} xl={8}>
              <Card size="small" title={t('petitions.ov.channels')}>{channels && <Chart option={channels} height={260} testId="pov-channels" />}</Card>
            </Col>
            <Col span={24}>
              <Card size="small" title={t('petitions.ov.children')}><ChildrenTable k={k} canOpen={offered} onOpen={(code) => setF({ region: code })} /></Card>
            </Col>
            <Col span={24}>
              <Card size="small" title={t('petitions.ov.bodies')}><BodiesTable k={k} /></Card>
            </Col>
          </Row>
        </>
      )}
    </Space>
  );
}
