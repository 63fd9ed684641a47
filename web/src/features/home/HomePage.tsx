/**
 * 首页 "my work today": the boxes this user can act on with their counts (each opens the list), the cases falling due
 * before the end of today (China time), the overdue ones, the latest notices, and for a leader the key KPIs.
 */
import { useState } from 'react';
import { Card, Col, Empty, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Me } from '../../../../core/schemas/auth.schema';
import type { CaseListPage } from '../../../../core/schemas/cases.response';
import { api } from '../../api';
import { listQuery } from '../../data/use-paged-list';
import { useCaseBoxes } from '../cases/boxes.api';
import { remaining, toneColour } from '../cases/remaining';
import { statusColour } from '../cases/case-colours';
import { useNotifications } from '../notifications/notifications.api';
import { linkOf } from '../notifications/notification-link';
import { useKpis } from '../dashboard/dashboard.api';
import { chinaDayEnd, chinaShort } from './china-day';
import { useCatalog } from '../catalog/catalog.api';
import { whoText } from '../auth/who';
import { chinaDayEnd as pickedDayEnd, chinaDayStart, chinaPickerValue } from '../../data/china-clock';

type CaseItem = CaseListPage['items'][number];

/** A short list of cases (the first page of a box, nearest due first). */
function useCaseList(params: Record<string, string | undefined>, enabled: boolean) {
  const qs = listQuery({ ...params, sort: 'due', pageSize: '8' });
  return useQuery({ queryKey: ['/api/cases', 'home', qs], queryFn: () => api<CaseListPage>(`/api/cases?${qs}`), enabled });
}

/** One case as a line: code, time left, category and place; a click opens its card. */
function CaseLine({ c }: { c: CaseItem }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const r = remaining(c.nextDueAt, new Date());
  const { categoryName } = useCatalog();
  return (
    <List.Item onClick={() => navigate(`/cases/${c.code}`)} style={{ cursor: 'pointer' }} data-testid={`home-case-${c.code}`}>
      <Space wrap size={6}>
        <Typography.Text strong>{c.code}</Typography.Text>
        {r.tone !== 'none' && <Tag color={toneColour[r.tone]}>{t(r.key, { n: r.n })}</Tag>}
        <Tag color={statusColour[c.status]}>{t(`status.${c.status}`)}</Tag>
        <Typography.Text type="secondary">{categoryName(c.categoryId, c.categoryName)} · {c.villageName}</Typography.Text>
      </Space>
    </List.Item>
  );
}

/** A card holding a short list of cases, with a link to the whole box. */
function CaseCard({ title, items, loading, more, testId }: { title: string; items: CaseItem[]; loading: boolean; more?: string; testId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Card size="small" title={title} data-testid={testId} extra={more && <Typography.Link onClick={() => navigate(more)}>{t('home.more')}</Typography.Link>}>
      <List size="small" loading={loading} dataSource={items} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.nothing')} /> }} renderItem={(c) => <CaseLine c={c} />} />
    </Card>
  );
}

/** A leader's key figures over the last 30 days; the overdue count opens the 超期 list. */
function LeaderKpis({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [[from, to]] = useState((): [string, string] => [chinaDayStart(chinaPickerValue().subtract(29, 'day')), pickedDayEnd(chinaPickerValue())]);
  const k = useKpis(me.scopeCode, from, to).data;
  if (!k) return null;
  const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
  const figures: [string, string | number, (() => void)?][] = [
    [t('kpi.received'), k.received],
    [t('kpi.closed'), k.closed],
    [t('kpi.onTimeRate'), pct(k.onTimeRate)],
    [t('kpi.satisfactionRate'), pct(k.satisfactionRate)],
    [t('kpi.overdueNow'), k.overdueNow, () => navigate('/cases?box=overdue&sort=due')],
  ];
  return (
    <Card size="small" title={t('home.kpis')} extra={<Typography.Link onClick={() => navigate('/dashboard')}>{t('home.more')}</Typography.Link>}>
      <Row gutter={[12, 12]}>
        {figures.map(([title, value, go]) => (
          <Col xs={12} sm={8} lg={4} key={title}>
            <Statistic title={title} value={value} valueStyle={{ fontSize: 22, cursor: go ? 'pointer' : undefined, color: go && k.overdueNow ? '#cf1322' : undefined }} {...(go ? { onClick: go } : {})} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

export function HomePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canReadCases = me.permissions.includes('case:read');
  const boxes = useCaseBoxes(canReadCases).data ?? [];
  const names = boxes.map((b) => b.box);
  const workBox = names.includes('mine') ? 'mine' : 'all';
  // Fixed for the page's life: a new time each render would make a new query each render.
  const [now] = useState(() => new Date());
  const dueToday = useCaseList({ box: workBox, dueFrom: now.toISOString(), dueTo: chinaDayEnd(now).toISOString() }, canReadCases && names.length > 0);
  const overdue = useCaseList({ box: 'overdue' }, names.includes('overdue'));
  const notices = useNotifications().items.slice(0, 5);
  // Tiles for the boxes to act on; 'all' only when it is the only one (a role that reads but does not act).
  const tiles = boxes.filter((b) => b.box !== 'all' || boxes.length === 1);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        {t('home.greeting', { name: whoText(me, t) })}
      </Typography.Text>
      {canReadCases && (
        <Card size="small" title={t('home.today')} data-testid="home-boxes">
          <Row gutter={[12, 12]}>
            {tiles.map((b) => (
              <Col xs={12} sm={8} lg={4} key={b.box}>
                <Card size="small" hoverable onClick={() => navigate(`/cases?box=${b.box}${b.box === 'overdue' ? '&sort=due' : ''}`)} data-testid={`home-box-${b.box}`}>
                  <Statistic title={t(`cases.box.${b.box}`)} value={b.count} valueStyle={{ color: b.box === 'overdue' && b.count ? '#cf1322' : undefined }} />
                </Card>
              </Col>
            ))}
          </Row>
        </Card>
      )}
      {me.permissions.includes('kpi:read') && me.role === 'leader' && <LeaderKpis me={me} />}
      <Row gutter={[16, 16]}>
        {canReadCases && (
          <Col xs={24} lg={12}>
            <CaseCard title={t('home.dueToday')} items={dueToday.data?.items ?? []} loading={dueToday.isLoading} more={`/cases?box=${workBox}&sort=due`} testId="home-due-today" />
          </Col>
        )}
        {names.includes('overdue') && (
          <Col xs={24} lg={12}>
            <CaseCard title={t('home.overdue')} items={overdue.data?.items ?? []} loading={overdue.isLoading} more="/cases?box=overdue&sort=due" testId="home-overdue" />
          </Col>
        )}
        <Col xs={24} lg={12}>
          <Card size="small" title={t('home.notices')} data-testid="home-notices">
            <List
              size="small"
              dataSource={notices}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noNotices')} /> }}
              renderItem={(n) => {
                const link = linkOf(n);
                return (
                  <List.Item onClick={link ? () => navigate(link) : undefined} style={{ cursor: link ? 'pointer' : undefined }}>
                    <Space direction="vertical" size={0}>
                      <Typography.Text strong={!n.read}>{n.text}</Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{chinaShort(n.createdAt)}</Typography.Text>
                    </Space>
                  </List.Item>
                );
              }}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
