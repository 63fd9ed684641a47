/** Leaflet map of grid polygons with village names. No base map unless ANWANG_TILE_URL is set, so it works offline. */
import { useEffect, useRef } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { escapeHtml, htmlLines } from '../../../../core/html';
import { baseMap, showLabelsWhenReadable, villageLabels } from '../regions/base-map';
import { NoTilesNote } from '../regions/NoTilesNote';

import type { GridFeatureCollection } from '../../../../core/schemas/grids.response';

const palette = ['#1655c0', '#13a8a8', '#d46b08', '#389e0d', '#c41d7f', '#531dab', '#d4380d', '#08979c'];

/** A point drawn over the grids (a building, a place). */
export interface MapPoint { lat: number; lng: number; label: string; colour?: string }

/** A grid's fill by a figure of its own (e.g. its households' safety risk) and a line for its tooltip. */
export interface GridShade { colour: string; note: string }

export function GridMap({ data, tileUrl, attribution, selected, onSelect, points, shade }: { data: GridFeatureCollection | null; tileUrl: string; attribution: string; selected?: string; onSelect: (code: string) => void; points?: MapPoint[]; shade?: (code: string) => GridShade | undefined }) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.GeoJSON | null>(null);
  const markers = useRef<L.LayerGroup | null>(null);

  useEffect(() => {
    if (!el.current || map.current) return;
    map.current = baseMap(el.current, { tileUrl, tileAttribution: attribution }, { zoomControl: true, zoomSnap: 0.25 }).setView([37.4, 100.8], 7);
    return () => {
      map.current?.remove();
      map.current = null;
    };
  }, [tileUrl, attribution]);

  useEffect(() => {
    const m = map.current;
    if (!m || !data) return;
    layer.current?.remove();
    // The first 12 digits name the village: neighbouring villages get different colours.
    const colour = (code: string) => palette[Number(code.slice(9, 12)) % palette.length]!;
    layer.current = L.geoJSON(data as GeoJSON.FeatureCollection, {
      style: (f) => {
        const code = (f?.properties as { code: string }).code;
        const on = code === selected;
        const shaded = shade?.(code);
        if (shaded) return { color: on ? '#cf1322' : '#595959', weight: on ? 3 : 1, fillColor: shaded.colour, fillOpacity: 0.55 };
        return { color: on ? '#cf1322' : colour(code), weight: on ? 3 : 1, fillOpacity: on ? 0.45 : 0.18 };
      },
      onEachFeature: (f, l) => {
        const p = f.properties as { code: string; name: string };
        // Names come from imports and users: Leaflet renders tooltips as HTML, so they are escaped.
        const note = shade?.(p.code)?.note;
        l.bindTooltip(note ? htmlLines(p.name, note) : htmlLines(p.name, p.code), { sticky: true });
        l.on('click', () => onSelect(p.code));
      },
    }).addTo(m);
    const b = layer.current.getBounds();
    if (b.isValid()) m.fitBounds(b, { padding: [12, 12] });
  }, [data, selected, onSelect, shade]);

  useEffect(() => {
    const m = map.current;
    if (!m || !data) return;
    const labels = villageLabels(data.features);
    return showLabelsWhenReadable(m, labels, labels.getLayers().length);
  }, [data, tileUrl]);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    markers.current?.remove();
    markers.current = L.layerGroup((points ?? []).map((p) => L.circleMarker([p.lat, p.lng], { radius: 6, color: p.colour ?? '#1655c0', weight: 2, fillOpacity: 0.8 }).bindTooltip(escapeHtml(p.label)))).addTo(m);
  }, [points, data]);

  return (
    <>
      <div ref={el} className="grid-map" data-testid="grid-map" data-grid-count={data?.features.length ?? 0} data-point-count={points?.length ?? 0} />
      <NoTilesNote tileUrl={tileUrl} />
    </>
  );
}
