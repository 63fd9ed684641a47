/** Where the case is: a marker on the case's grid outline (tiles only when configured). */
import { useEffect, useRef } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { escapeHtml } from '../../../../core/html';
import { useGridOutline } from '../grids/grids.api';
import { useClientConfig } from '../regions/regions.api';
import { baseMap } from '../regions/base-map';
import { NoTilesNote } from '../regions/NoTilesNote';

export function CaseMap({ lat, lng, gridCode }: { lat: number; lng: number; gridCode: string | null }) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const config = useClientConfig().data;
  // Handlers outside the grid's area are refused its outline: they still see the marker.
  const outline = useGridOutline(gridCode).data;
  useEffect(() => {
    if (!el.current || !config) return;
    const m = baseMap(el.current, config).setView([lat, lng], 15);
    L.circleMarker([lat, lng], { radius: 8, color: '#cf1322', fillOpacity: 0.8 }).addTo(m);
    map.current = m;
    return () => {
      map.current = null;
      m.remove();
    };
  }, [lat, lng, config]);
  useEffect(() => {
    if (!map.current || !outline) return;
    const layer = L.geoJSON(outline.geometry, { style: { color: '#1655c0', weight: 1, fillOpacity: 0.1 } }).bindTooltip(escapeHtml(outline.name), { permanent: !config?.tileUrl, direction: 'center' }).addTo(map.current);
    map.current.fitBounds(layer.getBounds(), { padding: [16, 16] });
    return () => void layer.remove();
  }, [outline, lat, lng, config]);
  return (
    <div>
      <div ref={el} style={{ height: 220, borderRadius: 8, border: '1px solid #f0f0f0', background: '#f5f7fa' }} data-testid="case-map" />
      <NoTilesNote tileUrl={config?.tileUrl} />
    </div>
  );
}
