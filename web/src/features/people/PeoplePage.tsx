/**
 * 人口与户 (C5): persons and households of the reader's scope, a township, a village or a grid (chosen by name),
 * masked by default; exact search by name, ID number or phone; the
 * household and person cards; the full values of a record only through "查看完整信息" with a reason (audited on
 * the server). Each tab has its URL (/people/<tab>); the grid and an open card are in the query string. The
 * search terms are not: an ID number or a phone must not end up in the browser's history.
 */
import { lazy, Suspense, useState, type ReactElement, type ReactNode } from 'react';
import { Button, Grid, Input, Space, Spin, Tabs, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useLocation } from 'react-router';
import type { Me } from '../../../../core/schemas/auth.schema';
import type { HouseholdView, PersonView } from '../../../../core/schemas/people.response';
import { useUrlState } from '../../data/url-state';
import { usePagedList } from '../../data/use-paged-list';
import { BuildingsTab } from './BuildingsTab';
import { ExpiringTab } from './ExpiringTab';
import { HouseholdDrawer } from './HouseholdDrawer';
import { HouseholdsTab } from './HouseholdsTab';
import { ImportModal } from './ImportModal';
import { scopeParam, useCodes } from './people.api';
import { HouseholdModal, PersonModal } from './PersonForms';
import { PersonDrawer } from './PersonDrawer';
import { PersonsTab } from './PersonsTab';
import { RegistryScope, scopeOfChoice } from './RegistryScope';

const tabs = ['overview', 'households', 'places', 'buildings', 'expiring', 'persons'] as const;
// The tabs that draw a chart (ECharts) or a map (Leaflet) load with their first visit, not with the page.
const OverviewTab = lazy(() => import('./OverviewTab').then((m) => ({ default: m.OverviewTab })));
const PlacesTab = lazy(() => import('./PlacesTab').then((m) => ({ default: m.PlacesTab })));
const loading = (tab: ReactNode) => <Suspense fallback={<Spin style={{ margin: 40 }} />}>{tab}</Suspense>;

const urlDefaults = { region: '', grid: '', person: '', household: '' };

/** The 人口与户 page. */
export function PeoplePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { search: query } = useLocation();
  const asked = useParams().tab ?? '';
  const tab = (tabs as readonly string[]).includes(asked) ? asked : 'overview';
  const [url, setUrl] = useUrlState(urlDefaults);
  const phone = !Grid.useBreakpoint().md;
  // The whole scope until a township, village or grid is chosen; forms that add a record need a grid.
  const grid = url.grid || undefined;
  const scope = scopeOfChoice(url);
  const where = { grid: url.grid || undefined, region: url.grid ? undefined : url.region || undefined };
  const [search, setSearch] = useState<{ name?: string; idNumber?: string; phone?: string }>({});
  const searching = !!(search.name || search.idNumber || search.phone);
  const people = usePagedList<PersonView>({ path: '/api/people', params: { ...(searching ? {} : where), ...search } });
  const households = usePagedList<HouseholdView>({ path: '/api/households', params: where, pageParam: 'hhPage' });
  const types = useCodes('person_type');
  const ethnicities = useCodes('ethnicity');
  const canReveal = me.permissions.includes('person:reveal');
  const canWrite = me.permissions.includes('person:write');
  const [importing, setImporting] = useState(false);
  const [adding, setAdding] = useState<'person' | 'household' | null>(null);
  const find = (s: typeof search) => {
    setSearch(s);
    setUrl({ page: undefined });
  };
  const openPerson = (id: string) => setUrl({ person: id });
  const openHousehold = (id: string) => setUrl({ household: id });
  const field = phone ? '100%' : 200;
  const needsGrid = (button: ReactElement) => (grid ? button : <Tooltip placement="bottom" title={t('people.scope.pickGrid')}>{button}</Tooltip>);

  return (
    <>
      <Space style={{ marginBottom: 8, width: phone ? '100%' : undefined }} wrap direction={phone ? 'vertical' : 'horizontal'} data-testid="people-scope">
        <RegistryScope scopeCode={me.scopeCode} value={url} width={field} onChange={(c) => setUrl({ ...c, page: undefined, hhPage: undefined } as Record<string, string | undefined>)} />
      </Space>
      <Space style={{ marginBottom: 12, width: phone ? '100%' : undefined }} wrap direction={phone ? 'vertical' : 'horizontal'}>
        <Input.Search data-testid="people-name" placeholder={t('people.searchName')} allowClear onSearch={(v) => find(v ? { name: v } : {})} style={{ width: field }} />
        <Input.Search data-testid="people-id" placeholder={t('people.searchId')} allowClear onSearch={(v) => find(v ? { idNumber: v } : {})} style={{ width: phone ? '100%' : 240 }} />
        <Input.Search data-testid="people-phone" placeholder={t('people.searchPhone')} allowClear onSearch={(v) => find(v ? { phone: v } : {})} style={{ width: field }} />
      </Space>
      <Space style={{ marginBottom: 12 }} wrap>
        {canWrite && needsGrid(<Button type="primary" data-testid="add-person" disabled={!grid} onClick={() => setAdding('person')}>{t('people.addPerson')}</Button>)}
        {canWrite && needsGrid(<Button data-testid="add-household" disabled={!grid} onClick={() => setAdding('household')}>{t('people.addHousehold')}</Button>)}
        {canWrite && <Button data-testid="import-open" onClick={() => setImporting(true)}>{t('people.import.open')}</Button>}
        <Button data-testid="people-export" href={`/api/people/export${scope ? `?${scopeParam(scope)}` : ''}`} title={t('people.exportHint')}>{t('people.export')}</Button>
      </Space>
      <ImportModal open={importing} onClose={() => setImporting(false)} />
      <PersonModal open={adding === 'person'} grid={grid} types={types} ethnicities={ethnicities} onClose={() => setAdding(null)} onSaved={() => setAdding(null)} />
      <HouseholdModal open={adding === 'household'} grid={grid} onClose={() => setAdding(null)} onSaved={() => setAdding(null)} />
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate({ pathname: k === 'overview' ? '/people' : `/people/${k}`, search: query })}
        items={[
          // The household count of another scope is never shown while this one's loads.
          { key: 'overview', label: t('people.overview'), children: loading(<OverviewTab scope={scope} households={households.query.isPlaceholderData || !households.query.data ? undefined : households.total} />) },
          { key: 'households', label: t('people.households'), children: <HouseholdsTab list={households} onOpen={openHousehold} /> },
          { key: 'places', label: t('people.places'), children: loading(<PlacesTab scope={scope} home={me.scopeCode} grid={grid} canWrite={canWrite} />) },
          { key: 'buildings', label: t('people.buildings'), children: <BuildingsTab grid={grid} canWrite={canWrite} /> },
          { key: 'expiring', label: t('people.expiring'), children: <ExpiringTab scope={scope} onOpen={openPerson} /> },
          { key: 'persons', label: t('people.persons'), children: <PersonsTab list={people} onOpen={openPerson} onOpenHousehold={openHousehold} /> },
        ]}
      />
      <HouseholdDrawer id={url.household || undefined} canWrite={canWrite} onClose={() => setUrl({ household: undefined })} onOpenPerson={openPerson} />
      <PersonDrawer id={url.person || undefined} canWrite={canWrite} canReveal={canReveal} onClose={() => setUrl({ person: undefined })} />
    </>
  );
}
