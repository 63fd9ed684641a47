/** Where the case is: a marker on the case's grid outline (tiles only when configured). */
import { useEffect, useRef } from 'react';
import L from 'leaflet';
import { escapeHtml } from '../../../../core/html';
import { api } from '../../api';

export function CaseMap({ lat, lng, gridCode }: { lat: number; lng: number; gridCode: string | null }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const map = L.map(el.current, { attributionControl: false }).setView([lat, lng], 15);
    void api<{ tileUrl: string }>('/api/config').then((c) => c.tileUrl && L.tileLayer(c.tileUrl, { maxZoom: 18 }).addTo(map));
    if (gridCode) {
      void api<{ geometry: GeoJSON.Polygon; name: string }>(`/api/grids/${gridCode}`)
        .then((g) => {
          const layer = L.geoJSON(g.geometry, { style: { color: '#1655c0', weight: 1, fillOpacity: 0.1 } }).bindTooltip(escapeHtml(g.name)).addTo(map);
          map.fitBounds(layer.getBounds(), { padding: [16, 16] });
        })
        .catch(() => undefined); // handlers outside the grid's area still see the marker
    }
    L.circleMarker([lat, lng], { radius: 8, color: '#cf1322', fillOpacity: 0.8 }).addTo(map);
    return () => void map.remove();
  }, [lat, lng, gridCode]);
  return <div ref={el} style={{ height: 220, borderRadius: 8, border: '1px solid #f0f0f0', background: '#f5f7fa' }} data-testid="case-map" />;
}
