/** 楼栋与场所: the grid's outline with its buildings and places on a map, and the places (a row opens its form). */
import { useMemo, useState } from 'react';
import { Button, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PlaceRow } from '../../../../core/schemas/people.response';
import { GridMap, type MapPoint } from '../grids/GridMap';
import { useGridGeo } from '../grids/grids.api';
import { useClientConfig } from '../regions/regions.api';
import { useBuildings, useCodes, usePlaces } from './people.api';
import { PlaceModal } from './PlaceForms';

export function PlacesTab({ grid, canWrite }: { grid?: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const placeKinds = useCodes('place_kind');
  const config = useClientConfig().data;
  const all = useGridGeo(grid?.slice(0, 12)).data;
  const geo = useMemo(() => (all ? { ...all, features: all.features.filter((f) => f.properties.code === grid) } : null), [all, grid]);
  const buildings = useBuildings(grid).data ?? [];
  const places = usePlaces(grid).data ?? [];
  const [placeForm, setPlaceForm] = useState<{ place?: PlaceRow } | null>(null);
  const points = useMemo<MapPoint[]>(() => [
    ...buildings.filter((b) => b.lat !== null).map((b) => ({ lat: b.lat!, lng: b.lng!, label: `${b.name}${b.floors ? ` · ${t('people.floorsN', { n: b.floors })}` : ''}`, colour: '#1655c0' })),
    ...places.filter((p) => p.lat !== null).map((p) => ({ lat: p.lat!, lng: p.lng!, label: `${placeKinds[p.kind] ?? p.kind} · ${p.name}`, colour: '#d46b08' })),
  ], [buildings, places, placeKinds, t]);
  return (
    <>
      <GridMap data={geo} tileUrl={config?.tileUrl ?? ''} attribution={config?.tileAttribution ?? ''} selected={grid} onSelect={() => undefined} points={points} />
      {canWrite && <Button data-testid="add-place" style={{ marginTop: 12 }} onClick={() => setPlaceForm({})}>{t('people.addPlace')}</Button>}
      <PlaceModal open={!!placeForm} grid={grid} place={placeForm?.place} kinds={placeKinds} onClose={() => setPlaceForm(null)} onSaved={() => setPlaceForm(null)} />
      <Table data-testid="place-table" rowKey="id" size="middle" dataSource={places} pagination={false} scroll={{ x: 700 }} style={{ marginTop: 12 }}
        onRow={(p) => (canWrite ? { onClick: () => setPlaceForm({ place: p }), style: { cursor: 'pointer' } } : {})}
        columns={[
          { title: t('people.placeKind'), dataIndex: 'kind', render: (v: string) => placeKinds[v] ?? v },
          { title: t('common.name'), dataIndex: 'name' },
          { title: t('people.creditCode'), dataIndex: 'creditCode' },
          { title: t('people.contact'), dataIndex: 'contactName', render: (v: string | null, p: PlaceRow) => [v, p.contactPhone].filter(Boolean).join(' ') },
          { title: t('people.address'), dataIndex: 'address' },
        ]} />
      <Typography.Text type="secondary">{t('people.buildingsCount', { n: buildings.length })}</Typography.Text>
    </>
  );
}
