/**
 * 人口与户 (C5): persons and households of a grid, masked by default; exact search by name, ID number or phone; the
 * household and person cards; the full values of a record only through "查看完整信息" with a reason (audited on
 * the server). Each tab has its URL (/people/<tab>); the grid and an open card are in the query string. The
 * search terms are not: an ID number or a phone must not end up in the browser's history.
 */
import { useEffect, useState } from 'react';
import { Button, Input, Select, Space, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useLocation } from 'react-router';
import type { Me } from '../../../../core/schemas/auth.schema';
import type { HouseholdView, PersonView } from '../../../../core/schemas/people.response';
import { useUrlState } from '../../data/url-state';
import { usePagedList } from '../../data/use-paged-list';
import { useGridChoices } from '../grids/grids.api';
import { BuildingsTab } from './BuildingsTab';
import { ExpiringTab } from './ExpiringTab';
import { HouseholdDrawer } from './HouseholdDrawer';
import { HouseholdsTab } from './HouseholdsTab';
import { ImportModal } from './ImportModal';
import { OverviewTab } from './OverviewTab';
import { useCodes } from './people.api';
import { HouseholdModal, PersonModal } from './PersonForms';
import { PersonDrawer } from './PersonDrawer';
import { PersonsTab } from './PersonsTab';
import { PlacesTab } from './PlacesTab';

const tabs = ['overview', 'households', 'places', 'buildings', 'expiring', 'persons'] as const;
const urlDefaults = { grid: '', person: '', household: '' };

/** The 人口与户 page. */
export function PeoplePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { search: query } = useLocation();
  const asked = useParams().tab ?? '';
  const tab = (tabs as readonly string[]).includes(asked) ? asked : 'overview';
  const [url, setUrl] = useUrlState(urlDefaults);
  const grids = useGridChoices().data ?? [];
  // The first grid of the scope until one is chosen.
  const grid = url.grid || grids[0]?.code;
  useEffect(() => {
    if (!url.grid && grids[0]) setUrl({ grid: grids[0].code });
  }, [url.grid, grids, setUrl]);
  const [search, setSearch] = useState<{ name?: string; idNumber?: string; phone?: string }>({});
  const searching = !!(search.name || search.idNumber || search.phone);
  const people = usePagedList<PersonView>({ path: '/api/people', params: { ...(searching ? {} : { grid }), ...search }, enabled: !!grid || searching });
  const households = usePagedList<HouseholdView>({ path: '/api/households', params: { grid }, pageParam: 'hhPage', enabled: !!grid });
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

  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select data-testid="people-grid" style={{ width: 260 }} value={grid} onChange={(g) => setUrl({ grid: g, page: undefined, hhPage: undefined } as Record<string, string | undefined>)} showSearch optionFilterProp="label" options={grids.map((g) => ({ value: g.code, label: `${g.name} ${g.code}` }))} placeholder={t('people.grid')} />
        <Input.Search data-testid="people-name" placeholder={t('people.searchName')} allowClear onSearch={(v) => find(v ? { name: v } : {})} style={{ width: 200 }} />
        <Input.Search data-testid="people-id" placeholder={t('people.searchId')} allowClear onSearch={(v) => find(v ? { idNumber: v } : {})} style={{ width: 240 }} />
        <Input.Search data-testid="people-phone" placeholder={t('people.searchPhone')} allowClear onSearch={(v) => find(v ? { phone: v } : {})} style={{ width: 200 }} />
        {canWrite && <Button type="primary" data-testid="add-person" onClick={() => setAdding('person')}>{t('people.addPerson')}</Button>}
        {canWrite && <Button data-testid="add-household" onClick={() => setAdding('household')}>{t('people.addHousehold')}</Button>}
        {canWrite && <Button data-testid="import-open" onClick={() => setImporting(true)}>{t('people.import.open')}</Button>}
        <Button data-testid="people-export" href={`/api/people/export${grid ? `?grid=${grid}` : ''}`} title={t('people.exportHint')}>{t('people.export')}</Button>
      </Space>
      <ImportModal open={importing} onClose={() => setImporting(false)} />
      <PersonModal open={adding === 'person'} grid={grid} types={types} ethnicities={ethnicities} onClose={() => setAdding(null)} onSaved={() => setAdding(null)} />
      <HouseholdModal open={adding === 'household'} grid={grid} onClose={() => setAdding(null)} onSaved={() => setAdding(null)} />
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate({ pathname: k === 'overview' ? '/people' : `/people/${k}`, search: query })}
        items={[
          { key: 'overview', label: t('people.overview'), children: <OverviewTab grid={grid} households={households.total} /> },
          { key: 'households', label: t('people.households'), children: <HouseholdsTab list={households} onOpen={(id) => setUrl({ household: id })} /> },
          { key: 'places', label: t('people.places'), children: <PlacesTab grid={grid} canWrite={canWrite} /> },
          { key: 'buildings', label: t('people.buildings'), children: <BuildingsTab grid={grid} canWrite={canWrite} /> },
          { key: 'expiring', label: t('people.expiring'), children: <ExpiringTab grid={grid} onOpen={openPerson} /> },
          { key: 'persons', label: t('people.persons'), children: <PersonsTab list={people} onOpen={openPerson} /> },
        ]}
      />
      <HouseholdDrawer id={url.household || undefined} canWrite={canWrite} onClose={() => setUrl({ household: undefined })} onOpenPerson={openPerson} />
      <PersonDrawer id={url.person || undefined} canWrite={canWrite} canReveal={canReveal} onClose={() => setUrl({ person: undefined })} />
    </>
  );
}
