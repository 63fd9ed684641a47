/** Where the case is: a marker on the case's grid outline (tiles only when configured). */
import { useEffect, useRef } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { escapeHtml } from '../../../../core/html';
import { useGridOutline } from '../grids/grids.api';
import { useClientConfig } from '../regions/regions.api';

export function CaseMap({ lat, lng, gridCode }: { lat: number; lng: number; gridCode: string | null }) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const tileUrl = useClientConfig().data?.tileUrl;
  // Handlers outside the grid's area are refused its outline: they still see the marker.
  const outline = useGridOutline(gridCode).data;
  useEffect(() => {
    if (!el.current) return;
    const m = L.map(el.current, { attributionControl: false }).setView([lat, lng], 15);
    L.circleMarker([lat, lng], { radius: 8, color: '#cf1322', fillOpacity: 0.8 }).addTo(m);
    map.current = m;
    return () => {
      map.current = null;
      m.remove();
    };
  }, [lat, lng]);
  useEffect(() => {
    if (!map.current || !tileUrl) return;
    const layer = L.tileLayer(tileUrl, { maxZoom: 18 }).addTo(map.current);
    return () => void layer.remove();
  }, [tileUrl, lat, lng]);
  useEffect(() => {
    if (!map.current || !outline) return;
    const layer = L.geoJSON(outline.geometry, { style: { color: '#1655c0', weight: 1, fillOpacity: 0.1 } }).bindTooltip(escapeHtml(outline.name)).addTo(map.current);
    map.current.fitBounds(layer.getBounds(), { padding: [16, 16] });
    return () => void layer.remove();
  }, [outline, lat, lng]);
  return <div ref={el} style={{ height: 220, borderRadius: 8, border: '1px solid #f0f0f0', background: '#f5f7fa' }} data-testid="case-map" />;
}
