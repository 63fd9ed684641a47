/**
 * 场所与单位: the places and organisations (shops, schools, companies…) of the chosen scope with their grid's name (a
 * row opens its form); for a village or a grid, its outlines with the places (and a grid's buildings) on a map.
 */
import { useMemo, useState } from 'react';
import { Button, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PlaceRow } from '../../../../core/schemas/people.response';
import { GridMap, type MapPoint } from '../grids/GridMap';
import { useGridGeo } from '../grids/grids.api';
import { useClientConfig } from '../regions/regions.api';
import { useBuildings, useCodes, usePlaces } from './people.api';
import { PlaceModal } from './PlaceForms';
import { ResponsiveTable } from '../../ui/ResponsiveTable';

/** `scope` is what the list reads (undefined: the reader's whole scope, `home`). */
export function PlacesTab({ scope, home, grid, canWrite }: { scope?: string; home: string; grid?: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const placeKinds = useCodes('place_kind');
  const config = useClientConfig().data;
  // A map for a village or one grid: a township's or county's outlines say little about its places.
  const shown = scope ?? home;
  const village = shown.length >= 12 && shown.slice(9, 12) !== '000' ? shown.slice(0, 12) : undefined;
  const all = useGridGeo(village).data;
  const geo = useMemo(() => (all ? { ...all, features: all.features.filter((f) => f.properties.code.startsWith(shown.length === 15 ? shown : shown.slice(0, 12))) } : null), [all, shown]);
  const buildings = useBuildings(grid).data ?? [];
  const places = usePlaces(scope).data ?? [];
  const [placeForm, setPlaceForm] = useState<{ place?: PlaceRow } | null>(null);
  const points = useMemo<MapPoint[]>(() => [
    ...buildings.filter((b) => b.lat !== null).map((b) => ({ lat: b.lat!, lng: b.lng!, label: `${b.name}${b.floors ? ` · ${t('people.floorsN', { n: b.floors })}` : ''}`, colour: '#1655c0' })),
    ...places.filter((p) => p.lat !== null).map((p) => ({ lat: p.lat!, lng: p.lng!, label: `${placeKinds[p.kind] ?? p.kind} · ${p.name}`, colour: '#d46b08' })),
  ], [buildings, places, placeKinds, t]);
  return (
    <>
      {village && <GridMap data={geo} tileUrl={config?.tileUrl ?? ''} attribution={config?.tileAttribution ?? ''} selected={grid} onSelect={() => undefined} points={points} />}
      {canWrite && (
        <Tooltip placement="bottom" title={grid ? undefined : t('people.scope.pickGrid')}>
          <Button data-testid="add-place" style={{ marginTop: 12 }} disabled={!grid} onClick={() => setPlaceForm({})}>{t('people.addPlace')}</Button>
        </Tooltip>
      )}
      <PlaceModal open={!!placeForm} grid={grid} place={placeForm?.place} kinds={placeKinds} onClose={() => setPlaceForm(null)} onSaved={() => setPlaceForm(null)} />
      <ResponsiveTable data-testid="place-table" rowKey="id" size="middle" dataSource={places} pagination={false} scroll={{ x: 700 }} style={{ marginTop: 12 }}
        onRow={(p) => (canWrite ? { onClick: () => setPlaceForm({ place: p }), style: { cursor: 'pointer' } } : {})}
        columns={[
          { title: t('people.placeKind'), dataIndex: 'kind', render: (v: string) => placeKinds[v] ?? v },
          { title: t('common.name'), dataIndex: 'name' },
          { title: t('people.creditCode'), dataIndex: 'creditCode' },
          { title: t('people.contact'), dataIndex: 'contactName', render: (v: string | null, p: PlaceRow) => [v, p.contactPhone].filter(Boolean).join(' ') },
          { title: t('people.address'), dataIndex: 'address' },
          { title: t('people.grid'), dataIndex: 'gridName', render: (v: string | null | undefined, p: PlaceRow) => v ?? p.gridCode ?? '' },
        ]} />
      {grid && <Typography.Text type="secondary">{t('people.buildingsCount', { n: buildings.length })}</Typography.Text>}
    </>
  );
}
