/** The map picker, loaded on demand: tiles when configured (none by default), and nearby grid outlines. */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { htmlLines } from '../../../core/html';
import { baseMap } from '../features/regions/base-map';

/** Shows a map in `box`; a tap sets the location. */
export async function openPicker(box: HTMLElement, start: { lat: number; lng: number } | null, set: (lat: number, lng: number) => void): Promise<void> {
  const cfg = await fetch('/api/config').then((r) => r.json());
  const centre = start ?? { lat: 37.37, lng: 101.62 };
  // The staff maps' maker: the attribution names only the configured tile source, never Leaflet's flag and link.
  const map = baseMap(box, { tileUrl: cfg.tileUrl ?? '', tileAttribution: cfg.tileAttribution ?? '' }).setView([centre.lat, centre.lng], 14);
  const grids = await fetch(`/api/public/grids?lat=${centre.lat}&lng=${centre.lng}`).then((r) => r.json());
  const layer = L.geoJSON(grids, { style: { color: '#1655c0', weight: 1, fillOpacity: 0.08 }, onEachFeature: (f, l) => l.bindTooltip(htmlLines((f.properties as { name: string }).name)) }).addTo(map);
  if (!start && layer.getBounds().isValid()) map.fitBounds(layer.getBounds());
  let marker: L.CircleMarker | null = null;
  const place = (e: L.LeafletMouseEvent) => {
    marker?.remove();
    marker = L.circleMarker(e.latlng, { radius: 8, color: '#cf1322' }).addTo(map);
    set(e.latlng.lat, e.latlng.lng);
  };
  map.on('click', place);
  layer.on('click', place);
}
