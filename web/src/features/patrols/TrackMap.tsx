/** A patrol's track on the staff map: the walked line, its start (green) and end (red), over the grid's outline. */
import { useEffect, useRef } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { escapeHtml } from '../../../../core/html';
import { useGridOutline } from '../grids/grids.api';
import { useClientConfig } from '../regions/regions.api';
import { baseMap } from '../regions/base-map';
import { NoTilesNote } from '../regions/NoTilesNote';

export function TrackMap({ points, gridCode, labels }: { points: [number, number, number, number][]; gridCode: string; labels: { start: string; end: string } }) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const config = useClientConfig().data;
  const outline = useGridOutline(gridCode).data;
  useEffect(() => {
    if (!el.current || !config || !points.length) return;
    const line = points.map(([, lat, lng]) => [lat, lng] as [number, number]);
    const m = baseMap(el.current, config, { zoomSnap: 0.25 });
    const path = L.polyline(line, { color: '#1655c0', weight: 4, opacity: 0.85 }).addTo(m);
    L.circleMarker(line[0]!, { radius: 7, color: '#389e0d', fillOpacity: 0.9 }).bindTooltip(escapeHtml(labels.start)).addTo(m);
    L.circleMarker(line.at(-1)!, { radius: 7, color: '#cf1322', fillOpacity: 0.9 }).bindTooltip(escapeHtml(labels.end)).addTo(m);
    m.fitBounds(path.getBounds(), { padding: [24, 24] });
    map.current = m;
    return () => {
      map.current = null;
      m.remove();
    };
  }, [points, config, labels.start, labels.end]);
  useEffect(() => {
    if (!map.current || !outline) return;
    // The grid under the line, named when there are no tiles to say where it is.
    const layer = L.geoJSON(outline.geometry, { style: { color: '#8c8c8c', weight: 1, fillOpacity: 0.06 } }).bindTooltip(escapeHtml(outline.name), { permanent: !config?.tileUrl, direction: 'center' }).addTo(map.current);
    layer.bringToBack();
    return () => void layer.remove();
  }, [outline, config, points]);
  return (
    <div>
      <div ref={el} style={{ height: 360, borderRadius: 8, border: '1px solid #f0f0f0', background: '#f5f7fa' }} data-testid="track-map" data-point-count={points.length} />
      <NoTilesNote tileUrl={config?.tileUrl} />
    </div>
  );
}
