/**
 * 调解态势: the leaders' view of people's mediation over a period (in the address, China days). Three tabs, the tab
 * in the path (/mediation-overview/<tab>), each for the user's region or a region right below it (picked by name): the
 * figures, the 调解能手 ranking, and — for mediation admins — the 以案定补 subsidies with their payment sheet. A count under five
 * is hidden by the server where it could point at a person; it shows as "<5" with the reason, never as 0.
 */
import { Space, Tabs } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../core/schemas/auth.schema';
import { RegionPeriodBar, useRegionPeriod } from '../../ui/RegionPeriod';
import { useMediationKpis } from './mediation-overview.api';
import { ExpertsTab } from './ExpertsTab';
import { OverviewTab } from './OverviewTab';
import { SubsidiesTab } from './SubsidiesTab';

export function MediationOverviewPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // The subsidies are a mediation admin's (司法所): they set the rates and pay.
  const tabs = me.permissions.includes('mediation:admin') ? (['overview', 'experts', 'subsidies'] as const) : (['overview', 'experts'] as const);
  const { tab: raw } = useParams();
  const tab = (tabs as readonly string[]).includes(raw ?? '') ? raw! : 'overview';
  const { f, setF, regions, today } = useRegionPeriod(me, { min: '' });
  const k = useMediationKpis(f.region, f.from, f.to, tab === 'overview').data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <RegionPeriodBar f={f} setF={setF} regions={regions} today={today} testIdPrefix="mov" />
      <Tabs activeKey={tab} onChange={(key) => navigate({ pathname: `/mediation-overview/${key}`, search: window.location.search })} items={tabs.map((key) => ({ key, label: t(`mediationStats.tab.${key}`) }))} data-testid="mov-tabs" />
      {tab === 'overview' && k && <OverviewTab k={k} />}
      {tab === 'experts' && <ExpertsTab region={f.region} from={f.from} to={f.to} min={Number(f.min) || undefined} onMin={(n) => setF({ min: n ? String(n) : '' })} />}
      {tab === 'subsidies' && <SubsidiesTab region={f.region} from={f.from} to={f.to} />}
    </Space>
  );
}
