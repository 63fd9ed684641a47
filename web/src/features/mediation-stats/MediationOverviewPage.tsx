/**
 * 调解态势: the leaders' view of people's mediation over a period (in the address, China days). Three tabs, the tab
 * in the path (/mediation-overview/<tab>), each for the user's region or a region right below it (picked by name): the
 * figures, the 调解能手 ranking, and — for mediation admins — the 以案定补 subsidies with their payment sheet. A count under five
 * is hidden by the server where it could point at a person; it shows as "<5" with the reason, never as 0.
 */
import { useMemo, useState } from 'react';
import { DatePicker, Select, Space, Tabs } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { Me } from '../../../../core/schemas/auth.schema';
import { addDays, cstDate } from '../../../../core/calendar';
import { useUrlState } from '../../data/url-state';
import { useRegionChildren, useRootRegion } from '../regions/regions.api';
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
  // The default period: the last 30 China days, today included (fixed for the page's life).
  const [today] = useState(() => cstDate(new Date()));
  const defaults = useMemo(() => ({ region: me.scopeCode, from: addDays(today, -29), to: today, min: '' }), [me.scopeCode, today]);
  const [f, setF] = useUrlState(defaults);
  const root = useRootRegion().data;
  const kids = useRegionChildren(root?.code).data;
  // Names, never codes: my region and the regions right below it.
  const regions = root ? [{ value: root.code, label: root.name }, ...(kids ?? []).map((c) => ({ value: c.code, label: `· ${c.name}` }))] : [];
  const k = useMediationKpis(f.region, f.from, f.to, tab === 'overview').data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Select style={{ minWidth: 220 }} value={regions.length ? f.region : undefined} options={regions} onChange={(v) => setF({ region: v })} data-testid="mov-region" />
        <DatePicker.RangePicker
          value={[dayjs(f.from), dayjs(f.to)]}
          allowClear={false}
          disabledDate={(d) => d.format('YYYY-MM-DD') > today}
          onChange={(v) => v?.[0] && v[1] && setF({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })}
          data-testid="mov-range"
        />
      </Space>
      <Tabs activeKey={tab} onChange={(key) => navigate({ pathname: `/mediation-overview/${key}`, search: window.location.search })} items={tabs.map((key) => ({ key, label: t(`mediationStats.tab.${key}`) }))} data-testid="mov-tabs" />
      {tab === 'overview' && k && <OverviewTab k={k} />}
      {tab === 'experts' && <ExpertsTab region={f.region} from={f.from} to={f.to} min={Number(f.min) || undefined} onMin={(n) => setF({ min: n ? String(n) : '' })} />}
      {tab === 'subsidies' && <SubsidiesTab region={f.region} from={f.from} to={f.to} />}
    </Space>
  );
}
