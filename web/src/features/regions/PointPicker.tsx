/**
 * Pick a point on the map: the grid outlines of a region with their village names (no tile server needed), a click
 * inside a grid sets the point and says which grid and village it is in. Nobody types a latitude.
 */
import { useEffect, useRef, useState } from 'react';
import L from 'leaflet';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useGridGeo } from '../grids/grids.api';
import { baseMap, showLabelsWhenReadable, villageLabels } from './base-map';
import { NoTilesNote } from './NoTilesNote';
import { locatePoint, useClientConfig } from './regions.api';

/** A picked point and where it lies (null when outside every grid of my scope). */
export interface PickedPoint { lat: number; lng: number; grid: { code: string; name: string } | null; village: { code: string; name: string } | null }

export function PointPicker({ region, value, onPick }: { region: string | undefined; value: PickedPoint | null; onPick: (p: PickedPoint) => void }) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const marker = useRef<L.CircleMarker | null>(null);
  const [ready, setReady] = useState(false);
  const config = useClientConfig().data;
  const geo = useGridGeo(region).data;
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    if (!el.current || !config) return;
    const m = baseMap(el.current, config, { zoomSnap: 0.25 }).setView([37.4, 101.6], 9);
    const place = async (e: L.LeafletMouseEvent) => {
      const { lat, lng } = e.latlng;
      const at = await locatePoint(lat, lng);
      pick.current({ lat: round(lat), lng: round(lng), grid: at?.grid ?? null, village: at?.village ?? null });
    };
    m.on('click', (e) => void place(e));
    map.current = m;
    setReady(true);
    return () => {
      map.current = null;
      setReady(false);
      m.remove();
    };
  }, [config]);

  useEffect(() => {
    const m = map.current;
    if (!m || !ready || !geo) return;
    // Outlines take no clicks (the map places the point; no focus frame on a clicked shape); labels name the villages.
    const outlines = L.geoJSON(geo as GeoJSON.FeatureCollection, { style: { color: '#1655c0', weight: 1, fillOpacity: 0.08 }, interactive: false }).addTo(m);
    const b = outlines.getBounds();
    if (b.isValid()) m.fitBounds(b, { padding: [8, 8] });
    const labels = villageLabels(geo.features);
    const stopLabels = showLabelsWhenReadable(m, labels, labels.getLayers().length);
    return () => {
      stopLabels();
      outlines.remove();
    };
  }, [geo, ready]);

  useEffect(() => {
    const m = map.current;
    marker.current?.remove();
    marker.current = m && ready && value ? L.circleMarker([value.lat, value.lng], { radius: 8, color: '#cf1322', fillOpacity: 0.8 }).addTo(m) : null;
  }, [value, ready]);

  return (
    <div>
      <div ref={el} data-testid="point-picker" data-lat={value?.lat ?? ''} data-lng={value?.lng ?? ''} style={{ height: 260, borderRadius: 8, border: '1px solid #f0f0f0', background: '#f5f7fa', cursor: 'crosshair' }} />
      <Typography.Text type={value && !value.grid ? 'danger' : 'secondary'} style={{ fontSize: 12, display: 'block', marginTop: 4 }} data-testid="point-picked">
        {!value ? t('regions.clickMap') : value.grid ? t('regions.pointIn', { grid: value.grid.name }) : t('regions.pointOutside')}
      </Typography.Text>
      <NoTilesNote tileUrl={config?.tileUrl} />
    </div>
  );
}

/** Six decimals: about 0.1 m, more than a click can mean. */
const round = (x: number) => Math.round(x * 1e6) / 1e6;
