/** What the grid routes answer: the list, one grid's card, and the GeoJSON outlines for the map. */
import { z } from 'zod';

/** A grid as the list shows it. */
export const GridBrief = z.object({ code: z.string(), name: z.string(), villageCode: z.string(), duties: z.array(z.string()) });
export type GridBrief = z.infer<typeof GridBrief>;
/** A page of grids. */
export const GridPage = z.object({ items: z.array(GridBrief), total: z.number(), page: z.number(), pageSize: z.number() });
export type GridPage = z.infer<typeof GridPage>;

/** One grid's card: place, duty layers, staff (1+1+1+N), household groups. */
export const GridDetail = z.object({
  code: z.string(),
  name: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  townshipName: z.string(),
  countyName: z.string(),
  geometry: z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.array(z.number()))) }),
  duties: z.array(z.string()),
  staff: z.array(z.object({ id: z.string(), role: z.string(), name: z.string() })),
  householdGroups: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), leaderName: z.string().nullable(), memberCount: z.number() })),
});
export type GridDetail = z.infer<typeof GridDetail>;

/** Grid outlines under a region (GET /api/grids/geojson), for the map. */
export const GridFeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({ type: z.literal('Feature'), properties: z.object({ code: z.string(), name: z.string(), villageName: z.string().optional() }), geometry: z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.array(z.number()))) }) })),
});
export type GridFeatureCollection = z.infer<typeof GridFeatureCollection>;
