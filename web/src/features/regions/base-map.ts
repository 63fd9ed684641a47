/**
 * The one way a staff map is made: the attribution names only the configured tile source (never Leaflet's flag
 * and link: bug 11), and grid outlines carry their village names so a map without tiles still says where it is.
 */
import L from 'leaflet';
import { escapeHtml } from '../../../../core/html';
import { ancestorAt } from '../../../../core/region-code';

/** The tile source from /api/config (both empty when none is configured). */
export interface TileSource { tileUrl: string; tileAttribution: string }

/** A Leaflet map in `el` with the configured tiles (if any) and an attribution control naming only their source. */
export function baseMap(el: HTMLElement, tiles: TileSource, options: L.MapOptions = {}): L.Map {
  const map = L.map(el, { ...options, attributionControl: false });
  if (tiles.tileUrl) {
    // prefix: false drops Leaflet's own flag and link; the tile layer adds its source's words.
    L.control.attribution({ prefix: false }).addTo(map);
    L.tileLayer(tiles.tileUrl, { attribution: escapeHtml(tiles.tileAttribution), maxZoom: 18 }).addTo(map);
  }
  return map;
}

// Centred on the point, readable over outlines without a base map (no stylesheet needed).
const labelStyle = 'position:absolute;transform:translate(-50%,-50%);white-space:nowrap;font-size:12px;font-weight:500;color:#262626;text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 3px #fff;pointer-events:none';

/** A grid outline's properties as the map needs them (villageName when the server sends it). */
interface GridProps { code: string; name: string; villageName?: string }

/**
 * Village names at the middle of each village's grids, as permanent labels (a map without tiles is otherwise
 * just shapes). Returns the layer; the caller adds and removes it.
 */
export function villageLabels(features: { properties: GridProps; geometry: GeoJSON.Polygon }[]): L.LayerGroup {
  const byVillage = new Map<string, { name: string; bounds: L.LatLngBounds }>();
  for (const f of features) {
    const village = ancestorAt(f.properties.code, 'village');
    const ring = f.geometry.coordinates[0] ?? [];
    const b = L.latLngBounds(ring.map(([lng, lat]) => [lat!, lng!] as [number, number]));
    if (!b.isValid()) continue;
    const seen = byVillage.get(village);
    if (seen) seen.bounds.extend(b);
    else byVillage.set(village, { name: f.properties.villageName ?? '', bounds: b });
  }
  const labels = [...byVillage.values()]
    .filter((v) => v.name)
    .map((v) => L.marker(v.bounds.getCenter(), { interactive: false, keyboard: false, icon: L.divIcon({ className: 'village-label', html: `<span style="${labelStyle}">${escapeHtml(v.name)}</span>`, iconSize: [0, 0] }) }));
  return L.layerGroup(labels);
}

/** Shows `labels` only when few enough villages are in view to read them (zoomed in, or a small area). */
export function showLabelsWhenReadable(map: L.Map, labels: L.LayerGroup, villageCount: number): () => void {
  const update = () => {
    const readable = villageCount <= 40 || map.getZoom() >= 11;
    if (readable && !map.hasLayer(labels)) labels.addTo(map);
    if (!readable && map.hasLayer(labels)) labels.remove();
  };
  update();
  map.on('zoomend', update);
  return () => {
    map.off('zoomend', update);
    labels.remove();
  };
}
