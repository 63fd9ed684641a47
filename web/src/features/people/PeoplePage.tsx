/**
 * 人口与户 (C5): persons and households of a grid, masked by default; exact search by name or ID number; the
 * household card; the full values of a record only through "查看完整信息" with a reason (audited on the server).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Checkbox, Descriptions, Drawer, Form, Input, Modal, Select, Space, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../core/schemas/auth.schema';
import { api, ApiError } from '../../api';
import { formatTime } from '../../format';
import { ImportModal } from './ImportModal';
import { useCodes } from './use-codes';
import { BuildingsTab } from './BuildingsTab';
import { PlaceModal, type PlaceRow as PlaceView } from './PlaceForms';
import { ExpiringTab } from './ExpiringTab';
import { OverviewTab } from './OverviewTab';
import { HouseholdEditModal, PersonEditModal, PersonMoveModal, RecordModal } from './RegistryEditForms';
import { HouseholdModal, MemberModal, PersonModal } from './PersonForms';
import { GridMap, type GridFeatureCollection, type MapPoint } from '../grids/GridMap';

interface PersonView {
  id: string; gridCode: string; personType: string; name: string; sex: string | null; age: number | null; ageBand: string | null;
  idNumber: string | null; phone: string | null; address: string | null; householdId: string | null; relation: string | null; head?: boolean;
  ethnicity: string | null; version: number;
}
interface RecordView { id: string; kind: string; category: string | null; riskLevel: string | null; categoryHidden: boolean; data: Record<string, unknown> | null; hasSensitive: boolean; since: string | null }
/** What an audited reveal returned: full values, and records with their hidden category and sensitive part. */
interface Revealed { name?: string | null; idNumber?: string | null; phone?: string | null; birthDate?: string | null; records?: { id: string; category: string | null; riskLevel: string | null; sensitive: Record<string, unknown> | null }[] }
interface BuildingView { id: string; name: string; address: string | null; lat: number | null; lng: number | null; floors: number | null }
interface HistoryView { event: string; fromGrid: string | null; toGrid: string | null; data: Record<string, unknown> | null; actorName: string | null; at: string }
interface HouseholdView { id: string; gridCode: string; number: string | null; address: string; riskLevel: string; members: number; note: string | null; headPersonId: string | null; version: number }
interface HouseholdCard extends Omit<HouseholdView, 'members'> { members: PersonView[]; history: HistoryView[] }
interface Paged<T> { items: T[]; total: number }

const riskColor: Record<string, string> = { normal: 'default', attention: 'orange', key: 'red' };

/** The 人口与户 page. */
export function PeoplePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const types = useCodes('person_type');
  const sexes = useCodes('sex');
  const relations = useCodes('household_relation');
  const categoryNames: Record<string, Record<string, string>> = { special_group: useCodes('special_group'), youth: useCodes('youth_type'), care: useCodes('care_group') };
  const [grids, setGrids] = useState<{ code: string; name: string }[]>([]);
  const [grid, setGrid] = useState<string | undefined>();
  const [search, setSearch] = useState<{ name?: string; idNumber?: string; phone?: string }>({});
  const [page, setPage] = useState(1);
  const [people, setPeople] = useState<Paged<PersonView>>({ items: [], total: 0 });
  const [households, setHouseholds] = useState<Paged<HouseholdView>>({ items: [], total: 0 });
  const [person, setPerson] = useState<(PersonView & { history: HistoryView[]; records: RecordView[] }) | null>(null);
  const [card, setCard] = useState<HouseholdCard | null>(null);
  const [revealing, setRevealing] = useState(false);
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const [form] = Form.useForm();
  const canReveal = me.permissions.includes('person:reveal');
  const canWrite = me.permissions.includes('person:write');
  const [importing, setImporting] = useState(false);
  const [adding, setAdding] = useState<'person' | 'household' | 'member' | 'editPerson' | 'movePerson' | 'record' | 'editHousehold' | null>(null);
  const ethnicities = useCodes('ethnicity');
  const placeKinds = useCodes('place_kind');
  const [config, setConfig] = useState({ tileUrl: '', tileAttribution: '' });
  const [geo, setGeo] = useState<GridFeatureCollection | null>(null);
  const [buildings, setBuildings] = useState<BuildingView[]>([]);
  const [placeList, setPlaceList] = useState<PlaceView[]>([]);
  const [placeForm, setPlaceForm] = useState<{ place?: PlaceView } | null>(null);
  const loadPlaces = useCallback(() => {
    if (grid) void api<PlaceView[]>(`/api/places?grid=${grid}`).then(setPlaceList);
  }, [grid]);
  useEffect(() => void api<typeof config>('/api/config').then(setConfig), []);
  useEffect(() => {
    if (!grid) return;
    api<GridFeatureCollection>(`/api/grids/geojson?region=${grid.slice(0, 12)}`).then((g) => setGeo({ ...g, features: g.features.filter((f) => f.properties.code === grid) }));
    api<BuildingView[]>(`/api/buildings?grid=${grid}`).then(setBuildings);
    loadPlaces();
  }, [grid, loadPlaces]);
  const points = useMemo<MapPoint[]>(() => [
    ...buildings.filter((b) => b.lat !== null).map((b) => ({ lat: b.lat!, lng: b.lng!, label: `${b.name}${b.floors ? ` · ${b.floors}层` : ''}`, colour: '#1655c0' })),
    ...placeList.filter((p) => p.lat !== null).map((p) => ({ lat: p.lat!, lng: p.lng!, label: `${placeKinds[p.kind] ?? p.kind} · ${p.name}`, colour: '#d46b08' })),
  ], [buildings, placeList, placeKinds]);

  useEffect(() => {
    api<Paged<{ code: string; name: string }>>('/api/grids?pageSize=200').then((r) => {
      setGrids(r.items);
      setGrid((g) => g ?? r.items[0]?.code);
    });
  }, []);

  const load = useCallback(() => {
    const qs = new URLSearchParams({ page: String(page), pageSize: '20', ...(grid && !search.idNumber && !search.name && !search.phone ? { grid } : {}), ...search });
    api<Paged<PersonView>>(`/api/people?${qs}`).then(setPeople, (e) => message.error(e instanceof ApiError ? e.body.message : String(e)));
    if (grid) api<Paged<HouseholdView>>(`/api/households?grid=${grid}&pageSize=100`).then(setHouseholds);
  }, [grid, page, search, message]);
  useEffect(load, [load]);

  const openPerson = (id: string) => {
    setRevealed(null);
    api<PersonView & { history: HistoryView[]; records: RecordView[] }>(`/api/people/${id}`).then(setPerson);
  };
  const openHousehold = (id: string) => api<HouseholdCard>(`/api/households/${id}`).then(setCard);
  const refreshPerson = () => {
    if (person) openPerson(person.id);
    load();
  };
  const removeMember = (personId: string) =>
    api<HouseholdCard>(`/api/households/${card!.id}/members/${personId}/remove`, { method: 'POST' }).then((c) => { setCard(c); load(); }, (e) => message.error(e instanceof ApiError ? e.body.message : String(e)));

  const reveal = async () => {
    const v = await form.validateFields();
    try {
      setRevealed(await api(`/api/people/${person!.id}/reveal`, { method: 'POST', body: v }));
      setRevealing(false);
      form.resetFields();
    } catch (e) {
      message.error(e instanceof ApiError ? e.body.message : String(e));
    }
  };

  const personColumns = useMemo(
    () => [
      { title: t('people.name'), dataIndex: 'name', render: (v: string, p: PersonView) => <Button type="link" size="small" style={{ padding: 0 }} onClick={() => openPerson(p.id)}>{v}</Button> },
      { title: t('people.sex'), dataIndex: 'sex', render: (v: string | null) => (v ? sexes[v] ?? v : '') },
      { title: t('people.age'), dataIndex: 'age', render: (v: number | null, p: PersonView) => (v === null ? '' : <>{v}{p.ageBand === 'under14' && <Tag color="purple" style={{ marginLeft: 6 }}>{t('people.under14')}</Tag>}</>) },
      { title: t('people.type'), dataIndex: 'personType', render: (v: string) => types[v] ?? v },
      { title: t('people.idNumber'), dataIndex: 'idNumber' },
      { title: t('people.phone'), dataIndex: 'phone' },
      { title: t('people.grid'), dataIndex: 'gridCode' },
    ],
    [t, sexes, types],
  );

  const history = (items: HistoryView[]) => (
    <Timeline items={items.map((h) => ({ children: <><b>{t(`people.event.${h.event}`, { defaultValue: h.event })}</b> {h.fromGrid && h.toGrid && h.fromGrid !== h.toGrid ? `${h.fromGrid} → ${h.toGrid}` : h.toGrid ?? ''} {typeof h.data?.reason === 'string' ? `（${h.data.reason}）` : ''}<br /><Typography.Text type="secondary">{formatTime(h.at)} {h.actorName}</Typography.Text></> }))} />
  );

  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select data-testid="people-grid" style={{ width: 260 }} value={grid} onChange={(g) => { setGrid(g); setPage(1); }} showSearch optionFilterProp="label" options={grids.map((g) => ({ value: g.code, label: `${g.name} ${g.code}` }))} placeholder={t('people.grid')} />
        <Input.Search data-testid="people-name" placeholder={t('people.searchName')} allowClear onSearch={(v) => { setSearch(v ? { name: v } : {}); setPage(1); }} style={{ width: 200 }} />
        <Input.Search data-testid="people-id" placeholder={t('people.searchId')} allowClear onSearch={(v) => { setSearch(v ? { idNumber: v } : {}); setPage(1); }} style={{ width: 240 }} />
        <Input.Search data-testid="people-phone" placeholder={t('people.searchPhone')} allowClear onSearch={(v) => { setSearch(v ? { phone: v } : {}); setPage(1); }} style={{ width: 200 }} />
        {canWrite && <Button type="primary" data-testid="add-person" onClick={() => setAdding('person')}>{t('people.addPerson')}</Button>}
        {canWrite && <Button data-testid="add-household" onClick={() => setAdding('household')}>{t('people.addHousehold')}</Button>}
        {canWrite && <Button data-testid="import-open" onClick={() => setImporting(true)}>{t('people.import.open')}</Button>}
        <Button data-testid="people-export" href={`/api/people/export${grid ? `?grid=${grid}` : ''}`} title={t('people.exportHint')}>{t('people.export')}</Button>
      </Space>
      <ImportModal open={importing} onClose={() => setImporting(false)} onImported={load} />
      <PersonModal open={adding === 'person'} grid={grid} types={types} ethnicities={ethnicities} onClose={() => setAdding(null)} onSaved={() => { setAdding(null); load(); }} />
      <HouseholdModal open={adding === 'household'} grid={grid} onClose={() => setAdding(null)} onSaved={() => { setAdding(null); load(); }} />
      <PersonEditModal open={adding === 'editPerson'} person={person ?? undefined} types={types} ethnicities={ethnicities} onClose={() => setAdding(null)} onSaved={() => { setAdding(null); refreshPerson(); }} />
      <PersonMoveModal open={adding === 'movePerson'} personId={person?.id} grids={grids} onClose={() => setAdding(null)} onSaved={() => { setAdding(null); refreshPerson(); }} />
      <RecordModal open={adding === 'record'} personId={person?.id} onClose={() => setAdding(null)} onSaved={() => { setAdding(null); refreshPerson(); }} />
      <HouseholdEditModal open={adding === 'editHousehold'} household={card ?? undefined} onClose={() => setAdding(null)} onSaved={() => { setAdding(null); if (card) void openHousehold(card.id); load(); }} />
      <MemberModal open={adding === 'member'} householdId={card?.id} relations={relations} onClose={() => setAdding(null)} onSaved={() => { setAdding(null); if (card) void openHousehold(card.id); load(); }} />
      <Tabs
        items={[
          { key: 'overview', label: t('people.overview'), children: <OverviewTab grid={grid} households={households.total} /> },
          { key: 'households', label: t('people.households'), children: (
            <Table data-testid="household-table" rowKey="id" size="middle" dataSource={households.items} pagination={false} scroll={{ x: 600 }}
              onRow={(h) => ({ onClick: () => openHousehold(h.id), style: { cursor: 'pointer' } })}
              columns={[
                { title: t('people.address'), dataIndex: 'address' },
                { title: t('people.householdNumber'), dataIndex: 'number' },
                { title: t('people.members'), dataIndex: 'members' },
                { title: t('people.risk'), dataIndex: 'riskLevel', render: (v: string) => <Tag color={riskColor[v]}>{t(`people.riskLevel.${v}`)}</Tag> },
              ]} />
          ) },
          { key: 'places', label: t('people.places'), children: (
            <>
              <GridMap data={geo} tileUrl={config.tileUrl} attribution={config.tileAttribution} selected={grid} onSelect={() => undefined} points={points} />
              {canWrite && <Button data-testid="add-place" style={{ marginTop: 12 }} onClick={() => setPlaceForm({})}>{t('people.addPlace')}</Button>}
              <PlaceModal open={!!placeForm} grid={grid} place={placeForm?.place} kinds={placeKinds} onClose={() => setPlaceForm(null)} onSaved={() => { setPlaceForm(null); loadPlaces(); }} />
              <Table data-testid="place-table" rowKey="id" size="middle" dataSource={placeList} pagination={false} scroll={{ x: 700 }} style={{ marginTop: 12 }}
                onRow={(p) => (canWrite ? { onClick: () => setPlaceForm({ place: p }), style: { cursor: 'pointer' } } : {})}
                columns={[
                  { title: t('people.placeKind'), dataIndex: 'kind', render: (v: string) => placeKinds[v] ?? v },
                  { title: t('common.name'), dataIndex: 'name' },
                  { title: t('people.creditCode'), dataIndex: 'creditCode' },
                  { title: t('people.contact'), dataIndex: 'contactName', render: (v: string | null, p: PlaceView) => [v, p.contactPhone].filter(Boolean).join(' ') },
                  { title: t('people.address'), dataIndex: 'address' },
                ]} />
              <Typography.Text type="secondary">{t('people.buildingsCount', { n: buildings.length })}</Typography.Text>
            </>
          ) },
          { key: 'buildings', label: t('people.buildings'), children: <BuildingsTab grid={grid} buildings={buildings} canWrite={canWrite} onChanged={() => grid && api<BuildingView[]>(`/api/buildings?grid=${grid}`).then(setBuildings)} /> },
          { key: 'expiring', label: t('people.expiring'), children: <ExpiringTab grid={grid} onOpen={openPerson} /> },
          { key: 'persons', label: t('people.persons'), children: (
            <Table data-testid="person-table" rowKey="id" size="middle" dataSource={people.items} columns={personColumns} scroll={{ x: 800 }}
              pagination={{ current: page, total: people.total, pageSize: 20, onChange: setPage, showTotal: (n) => t('common.total', { n }), showSizeChanger: false }} />
          ) },
        ]}
      />
      <Drawer open={!!card} onClose={() => setCard(null)} title={card ? `${t('people.householdCard')} · ${card.address}` : ''} width={Math.min(560, window.innerWidth)} data-testid="household-card"
        extra={canWrite && <Space><Button data-testid="edit-household" onClick={() => setAdding('editHousehold')}>{t('people.edit')}</Button><Button data-testid="add-member" onClick={() => setAdding('member')}>{t('people.addMember')}</Button></Space>}>
        {card && (
          <>
            <Descriptions size="small" column={1} items={[
              { label: t('people.householdNumber'), children: card.number ?? '—' },
              { label: t('people.grid'), children: card.gridCode },
              { label: t('people.risk'), children: <Tag color={riskColor[card.riskLevel]}>{t(`people.riskLevel.${card.riskLevel}`)}</Tag> },
            ]} />
            <Typography.Title level={5}>{t('people.members')}</Typography.Title>
            <Table rowKey="id" size="small" pagination={false} dataSource={card.members} columns={[
              { title: t('people.name'), dataIndex: 'name', render: (v: string, p: PersonView) => <Button type="link" size="small" style={{ padding: 0 }} onClick={() => openPerson(p.id)}>{v}</Button> },
              { title: t('people.relation'), dataIndex: 'relation', render: (v: string | null, p: PersonView) => <>{v ? relations[v] ?? v : ''}{p.head && v !== '02' && <Tag color="blue" style={{ marginLeft: 6 }}>{t('people.head')}</Tag>}</> },
              { title: t('people.age'), dataIndex: 'age' },
              { title: t('people.idNumber'), dataIndex: 'idNumber' },
              ...(canWrite ? [{ title: '', key: 'remove', render: (_: unknown, p: PersonView) => <Button size="small" type="link" danger onClick={() => void removeMember(p.id)}>{t('people.removeMember')}</Button> }] : []),
            ]} />
            {card.note && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('people.note')}：{card.note}</Typography.Paragraph>}
            <Typography.Title level={5} style={{ marginTop: 16 }}>{t('people.history')}</Typography.Title>
            {history(card.history)}
          </>
        )}
      </Drawer>
      <Drawer open={!!person} onClose={() => setPerson(null)} title={person?.name} width={Math.min(480, window.innerWidth)} data-testid="person-drawer"
        extra={person && (
          <Space wrap>
            {canWrite && <Button data-testid="edit-person" onClick={() => setAdding('editPerson')}>{t('people.edit')}</Button>}
            {canWrite && <Button data-testid="add-record" onClick={() => setAdding('record')}>{t('people.addRecord')}</Button>}
            {canWrite && !person.householdId && <Button data-testid="move-person" onClick={() => setAdding('movePerson')}>{t('people.movePerson')}</Button>}
            {canReveal && <Button data-testid="reveal" onClick={() => setRevealing(true)}>{t('people.reveal')}</Button>}
          </Space>
        )}>
        {person && (
          <>
            <Descriptions size="small" column={1} items={[
              { label: t('people.name'), children: revealed?.name ?? person.name },
              { label: t('people.idNumber'), children: revealed?.idNumber ?? person.idNumber ?? '—' },
              { label: t('people.phone'), children: revealed?.phone ?? person.phone ?? '—' },
              { label: t('people.sex'), children: person.sex ? sexes[person.sex] ?? person.sex : '—' },
              { label: t('people.age'), children: person.age ?? '—' },
              { label: t('people.type'), children: types[person.personType] ?? person.personType },
              { label: t('people.address'), children: person.address ?? '—' },
            ]} />
            {revealed && <Typography.Text type="warning">{t('people.revealedNote')}</Typography.Text>}
            {person.records.length > 0 && (
              <>
                <Typography.Title level={5} style={{ marginTop: 16 }}>{t('people.records')}</Typography.Title>
                <Space wrap data-testid="person-records">
                  {person.records.map((rec) => {
                    // A hidden category (special group, youth at risk, disability) shows only after an audited reveal.
                    const shown = revealed?.records?.find((x) => x.id === rec.id);
                    const r = shown ? { ...rec, category: shown.category, riskLevel: shown.riskLevel } : rec;
                    return (
                      <Tag key={r.id} color={r.kind === 'special_group' ? 'red' : r.kind === 'youth' ? 'purple' : 'blue'}>
                        {t(`people.kind.${r.kind}`)}{r.category ? ` · ${categoryNames[r.kind]?.[r.category] ?? r.category}` : rec.categoryHidden ? ` · ${t('people.categoryHidden')}` : ''}{r.riskLevel ? ` · ${/^[0-5]$/.test(r.riskLevel) ? t('people.grade', { level: r.riskLevel }) : t(`people.attention.${r.riskLevel}`)}` : ''}{typeof r.data?.permitExpiry === 'string' ? ` · ${t('people.permitExpiry')} ${r.data.permitExpiry}` : ''}{typeof r.data?.visaExpiry === 'string' ? ` · ${t('people.visaExpiry')} ${r.data.visaExpiry}` : ''}{shown?.sensitive ? ` · ${Object.values(shown.sensitive).join('；')}` : r.hasSensitive ? ' 🔒' : ''}
                      </Tag>
                    );
                  })}
                </Space>
              </>
            )}
            <Typography.Title level={5} style={{ marginTop: 16 }}>{t('people.history')}</Typography.Title>
            {history(person.history)}
          </>
        )}
      </Drawer>
      <Modal open={revealing} title={t('people.reveal')} onOk={reveal} onCancel={() => setRevealing(false)} okText={t('common.ok')} cancelText={t('common.cancel')}>
        <Typography.Paragraph type="secondary">{t('people.revealHint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" initialValues={{ fields: ['name', 'idNumber', 'phone'] }}>
          <Form.Item name="fields" label={t('people.revealFields')} rules={[{ required: true, message: t('common.required') }]}>
            <Checkbox.Group options={['name', 'idNumber', 'phone', 'birthDate', 'records'].map((f) => ({ value: f, label: t(`people.field.${f}`) }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('people.revealReason')} rules={[{ required: true, min: 2, message: t('people.revealReasonRequired') }]}>
            <Input data-testid="reveal-reason" maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
