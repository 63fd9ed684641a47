/** Server state of grids: outlines for the map, one grid's card, its duty layers. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { GridDetail, GridFeatureCollection } from '../../../../core/schemas/grids.response';
import type { RiskByGridAnswer } from '../../../../core/schemas/risk-map.schema';
import { api } from '../../api';
import { useAction } from '../../data/use-action';

/** The grid outlines under a region (GeoJSON). */
export function useGridGeo(region: string | undefined) {
  return useQuery({ queryKey: ['grids', 'geo', region], queryFn: () => api<GridFeatureCollection>(`/api/grids/geojson?region=${region}`), enabled: !!region, staleTime: 300_000 });
}

/** One grid's card. */
export function useGrid(code: string | null) {
  return useQuery({ queryKey: ['grids', 'one', code], queryFn: () => api<GridDetail>(`/api/grids/${code}`), enabled: !!code });
}

/** Sets a grid's duty layers; the card shows the answer. */
export function useSetDuties(code: string | null) {
  const qc = useQueryClient();
  return useAction((duties: string[], { key }) => api<GridDetail>(`/api/grids/${code}/duties`, { method: 'PUT', body: { duties }, key }), {
    onSuccess: (g) => qc.setQueryData(['grids', 'one', code], g),
    invalidates: () => [['/api/grids']],
  });
}

/** A grid's outline for a case's map; a handler outside the grid's area is refused, and then the map shows the marker only. */
export function useGridOutline(code: string | null) {
  return useQuery({ queryKey: ['grids', 'outline', code], queryFn: () => api<{ name: string; geometry: GeoJSON.Polygon }>(`/api/grids/${code}`), enabled: !!code, retry: false, meta: { inlineError: true } });
}

/** Each grid's active households by current safety-risk level under a region (the 安全风险 layer). */
export function useRiskByGrid(region: string | undefined, enabled: boolean) {
  return useQuery({ queryKey: ['grids', 'risk', region], queryFn: () => api<RiskByGridAnswer>(`/api/field/risk-by-grid?region=${region}`), enabled: !!region && enabled, staleTime: 60_000 });
}
